using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace TsharkRst.Reports;

/// <summary>Scriban's <c>include</c>, whose result is text the including context has already escaped as
/// it rendered it: printed as is, not escaped a second time.</summary>
internal sealed class TrustedInclude(IScriptCustomFunction include, ReportTemplateContext owner) : IScriptCustomFunction
{
    public int RequiredParameterCount => include.RequiredParameterCount;

    public int ParameterCount => include.ParameterCount;

    public ScriptVarParamKind VarParamKind => include.VarParamKind;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => include.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        Wrap(context, include.Invoke(context, callerContext, arguments, blockStatement));

    public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        Wrap(context, await include.InvokeAsync(context, callerContext, arguments, blockStatement));

    private object? Wrap(TemplateContext context, object? rendered) =>
        rendered is string text && ReferenceEquals(context, owner) ? owner.Own(text) : rendered;
}
