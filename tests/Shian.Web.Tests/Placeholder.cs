namespace Shian.Web.Tests; public class Placeholder { }
