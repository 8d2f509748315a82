namespace TsharkRst.Reports;

/// <summary>A break in a ladder diagram: packets left out, or time that passed, drawn across the lanes.</summary>
public sealed record LadderBreakView(int Y, int Height, int TextY, int TextX, string Text, string Marks);
