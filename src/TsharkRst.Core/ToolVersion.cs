using System.Reflection;

namespace TsharkRst;

/// <summary>This tool's version, as the manifest records it and the index pages name it.</summary>
public static class ToolVersion
{
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
}
