namespace TsharkRst;

/// <summary>The one exception base of the tool: its message is a sentence a user can act on.</summary>
public class TsharkRstException(string message, Exception? inner = null) : Exception(message, inner);
