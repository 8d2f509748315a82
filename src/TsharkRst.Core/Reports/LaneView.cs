namespace TsharkRst.Reports;

/// <summary>A vertical lane of a ladder diagram: client, middlebox or server.</summary>
public sealed record LaneView(string Name, string Caption, int X, int Y1, int Y2, bool Dashed);
