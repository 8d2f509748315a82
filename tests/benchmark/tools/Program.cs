using System.Globalization;
using TsharkRst.Benchmark;
using TsharkRst.Benchmark.Generation;

// Helpers of tests/benchmark/run.sh and bounds.sh.
return args switch
{
    ["replicate", var input, var output, var count] when int.TryParse(count, CultureInfo.InvariantCulture, out var copies) && copies is >= 1 and <= 200
        => Replication.Run(input, output, copies),
    ["read-speed", var path] => ReadSpeed.Run(path),
    ["generate", var kind, var output] => Generate.Run(kind, output),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: trst-bench replicate INPUT OUTPUT COPIES (1 to 200)\n       trst-bench read-speed CAPTURE\n" +
        $"       trst-bench generate {Generate.Kinds} OUTPUT");
    return 2;
}
