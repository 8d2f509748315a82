using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("TsharkRst.Tests.TestRun.TestRunFramework", "TsharkRst.Tests")]

namespace TsharkRst.Tests.TestRun;

/// <summary>xunit's own framework with one step added after the last test: the folders kept for the whole run
/// (<see cref="RunFolders"/>) are deleted. xunit 2 has no assembly fixture, and a process-exit handler races the
/// test host being stopped.</summary>
public sealed class TestRunFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        /// <summary>A folder that cannot be deleted is reported as a failure of the run's cleanup.</summary>
        protected override Task BeforeTestAssemblyFinishedAsync()
        {
            Aggregator.Run(RunFolders.DeleteAll);
            return base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
