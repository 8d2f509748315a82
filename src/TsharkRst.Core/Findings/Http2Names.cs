namespace TsharkRst.Findings;

/// <summary>HTTP/2 frame types and error codes as RFC 9113 names them.</summary>
public static class Http2Names
{
    public const int Headers = 1;
    public const int RstStream = 3;
    public const int GoAway = 7;

    public static string Error(long code) => code switch
    {
        0 => "NO_ERROR",
        1 => "PROTOCOL_ERROR",
        2 => "INTERNAL_ERROR",
        3 => "FLOW_CONTROL_ERROR",
        4 => "SETTINGS_TIMEOUT",
        5 => "STREAM_CLOSED",
        6 => "FRAME_SIZE_ERROR",
        7 => "REFUSED_STREAM",
        8 => "CANCEL",
        9 => "COMPRESSION_ERROR",
        10 => "CONNECT_ERROR",
        11 => "ENHANCE_YOUR_CALM",
        12 => "INADEQUATE_SECURITY",
        13 => "HTTP_1_1_REQUIRED",
        _ => $"0x{code:x}",
    };
}
