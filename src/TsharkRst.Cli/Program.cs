using System.Runtime.InteropServices;
using TsharkRst.Cli;
using TsharkRst.Tshark;

// First: tshark's start-up is a small capture's longest wait (one nobody takes is killed at the end).
await using var early = EarlyTshark.StartFor(args);

using var pace = new YoungGenerationPace();
// Never disposed: a signal may arrive while the process is already on its way out.
var stop = new CancellationTokenSource();
var stoppedBy = 0;
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var exit = await CliApp.RunAsync(args, Console.Out, Console.Error, stop.Token, early);
return exit == ExitCodes.Cancelled && stoppedBy == (int)PosixSignal.SIGTERM ? ExitCodes.Terminated : exit;

void Stop(PosixSignalContext context)
{
    // The first signal stops the run cleanly (tshark children are killed); a second one is not caught.
    if (Interlocked.CompareExchange(ref stoppedBy, (int)context.Signal, 0) != 0)
        return;
    context.Cancel = true;
    stop.Cancel();
}
