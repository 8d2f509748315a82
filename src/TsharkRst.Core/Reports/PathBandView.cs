namespace TsharkRst.Reports;

/// <summary>The stretch between the two capture points, shaded behind the paired ladder's arrows.</summary>
public sealed record PathBandView(int X, int Y, int Width, int Height);
