using System.Globalization;
using TsharkRst.Benchmark;

// Helpers of tests/benchmark/run.sh.
return args switch
{
    ["replicate", var input, var output, var count] when int.TryParse(count, CultureInfo.InvariantCulture, out var copies) && copies is >= 1 and <= 200
        => Replication.Run(input, output, copies),
    ["read-speed", var path] => ReadSpeed.Run(path),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: trst-bench replicate INPUT OUTPUT COPIES (1 to 200)\n       trst-bench read-speed CAPTURE");
    return 2;
}
