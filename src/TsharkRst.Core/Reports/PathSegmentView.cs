namespace TsharkRst.Reports;

/// <summary>The part of a packet's arrow in one stretch of the path: <c>client-side</c> (client to the
/// client-side capture), <c>path</c> (between the captures) or <c>server-side</c>. Not <see cref="Seen"/>:
/// drawn faint, where neither capture tells whether the packet passed.</summary>
public sealed record PathSegmentView(string Name, int X1, int Y1, int X2, int Y2, bool Seen);
