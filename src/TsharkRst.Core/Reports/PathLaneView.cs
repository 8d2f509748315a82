namespace TsharkRst.Reports;

/// <summary>A vertical lane of the paired ladder diagram: an endpoint (<c>client</c>, <c>server</c>) or
/// the point where one capture was taken (<c>client-side</c>, <c>server-side</c>).</summary>
public sealed record PathLaneView(string Lane, string Name, string Caption, string Title, int X, int Y1, int Y2, bool IsCapture);
