using Shian.KitchenVideo;

namespace Shian.Tests.KitchenVideo;

public class StreamUrlTests
{
    [Theory]
    [InlineData("http://video.example.cn/live/1")]
    [InlineData("https://mclz.example.gov.cn/play?cam=12&t=hd")]
    [InlineData("rtsp://10.2.3.4:554/Streaming/Channels/101")]
    [InlineData("HTTPS://Example.cn/x")]
    public void Http_https_and_rtsp_addresses_are_accepted(string url)
    {
        var (stored, error) = StreamUrl.Check(url);
        Assert.Null(error);
        Assert.Equal(url, stored);
    }

    [Fact]
    public void Blanks_around_a_pasted_address_are_dropped()
    {
        Assert.Equal("https://example.cn/live", StreamUrl.Check("  https://example.cn/live \n").Url);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("\tjavascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("javascript://example.cn/%0Aalert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.cn/video")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("/live/1")]
    [InlineData("//evil.example/live")]
    [InlineData("live/1")]
    [InlineData("example.cn/live")]
    [InlineData("http:/example.cn")]
    [InlineData("http:example.cn")]
    [InlineData("https://")]
    [InlineData("https://exa mple.cn/live")]
    [InlineData("http://admin:12345@10.0.0.8/live")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Anything_else_is_refused_with_a_message_naming_the_field(string? url)
    {
        var (stored, error) = StreamUrl.Check(url);
        Assert.Null(stored);
        Assert.StartsWith("StreamUrl.", error?.Code); // worded "视频地址：…", naming the field
    }

    [Fact]
    public void An_overlong_address_is_refused()
    {
        Assert.Equal("StreamUrl.TooLong", StreamUrl.Check("https://example.cn/" + new string('a', StreamUrl.MaxLength)).Error?.Code);
    }
}
