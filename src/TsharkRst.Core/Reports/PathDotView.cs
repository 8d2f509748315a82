namespace TsharkRst.Reports;

/// <summary>Where a capture saw a packet: a dot on its lane and the frame number there.</summary>
public sealed record PathDotView(string Capture, string Frame, int X, int Y, int TextX, int TextY, string Anchor);
