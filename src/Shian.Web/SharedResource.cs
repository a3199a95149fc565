namespace Shian.Web;

/// <summary>
/// Marker for the UI strings in Resources/SharedResource.resx (简体中文, the default) and SharedResource.en.resx.
/// </summary>
public sealed class SharedResource;
