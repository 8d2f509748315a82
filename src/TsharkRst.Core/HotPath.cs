using System.Runtime.CompilerServices;

namespace TsharkRst;

/// <summary>How the per-packet and per-row methods are compiled. Where the runtime compiles them, fully optimised at
/// their first call: its first, unoptimised code made a big capture's triage pass 2–3 times slower. In the composite
/// ReadyToRun image they are already compiled optimised, with the runtime inlined into them, and
/// <see cref="MethodImplOptions.AggressiveOptimization"/> would only take them out of it: about 40 ms of compilation
/// at every start, on a small capture's critical path. Native code (README's publish) is all compiled optimised.</summary>
internal static class HotPath
{
#if COMPOSITE_IMAGE
    public const MethodImplOptions Compilation = default;
#else
    public const MethodImplOptions Compilation = MethodImplOptions.AggressiveOptimization;
#endif
}
