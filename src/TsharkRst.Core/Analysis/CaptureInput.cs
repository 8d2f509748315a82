namespace TsharkRst.Analysis;

/// <summary>A capture to analyse: its path as given, and the folder under OUT its reports go to
/// (its path relative to the folder given, or its file name).</summary>
public sealed record CaptureInput(string Path, string OutputName);
