namespace Shian.Tests; public class Placeholder { }
