namespace Shian.Browser.Tests; public class Placeholder { }
