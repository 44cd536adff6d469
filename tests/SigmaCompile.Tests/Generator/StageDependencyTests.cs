using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// The generator's stages only look forward (docs/generator-stages.md): Reading, then Lowering, then Planning, then
/// Emit, with Model and Diagnostics shared. A file under a stage folder may use types of its own stage, of earlier
/// stages and of the shared folders; a writer under Emit may use Model only; Model and Diagnostics use neither a
/// stage nor the wiring at the generator's root. Checked on the semantic model of every generator source file.
/// </summary>
public sealed class StageDependencyTests
{
    [Fact]
    public void Every_stage_uses_only_earlier_stages_and_emit_reads_models_only()
    {
        string root = Path.Combine(SharedData.RepositoryRoot, "src", "SigmaGenerator");
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(Path.Combine(root, path))))
            .ToList();
        Assert.Contains(files, f => f.path.StartsWith("Emit/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.path.StartsWith("Reading/", StringComparison.Ordinal));

        List<string> violations = StageChecker.Violations(files);

        Assert.True(violations.Count == 0, "Stage rule broken:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_checker_names_file_line_and_type_of_a_backward_use()
    {
        var files = new List<(string, string)>
        {
            ("Model/Rule.cs", "namespace SigmaCompile.Generator.Model; internal sealed record Rule(string Id);"),
            ("Lowering/Lowerer.cs", "namespace SigmaCompile.Generator.Lowering;\ninternal static class Lowerer { public static int Size = 1; }"),
            ("Planning/Planner.cs", "namespace SigmaCompile.Generator.Planning;\ninternal static class Planner { public static int Plan() => SigmaCompile.Generator.Lowering.Lowerer.Size; }"),
            ("Emit/Writer.cs", "using SigmaCompile.Generator.Model;\nnamespace SigmaCompile.Generator.Emit;\ninternal static class Writer\n{\n    public static string Write(Rule rule) => rule.Id + SigmaCompile.Generator.Planning.Planner.Plan();\n}"),
            ("Reading/Reader.cs", "namespace SigmaCompile.Generator.Reading;\ninternal static class Reader { public static object Read() => new SigmaCompile.Generator.Emit.Unknown(); public static int Size() => SigmaCompile.Generator.Lowering.Lowerer.Size; }"),
            ("Model/Leak.cs", "namespace SigmaCompile.Generator.Model;\ninternal static class Leak { public static int Size() => SigmaCompile.Generator.Lowering.Lowerer.Size; }"),
        };

        List<string> violations = StageChecker.Violations(files);

        Assert.Contains(violations, v => v.StartsWith("Emit/Writer.cs(5,", StringComparison.Ordinal) && v.Contains("SigmaCompile.Generator.Planning.Planner", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Reading/Reader.cs(2,", StringComparison.Ordinal) && v.Contains("SigmaCompile.Generator.Lowering.Lowerer", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Model/Leak.cs(2,", StringComparison.Ordinal) && v.Contains("Lowering", StringComparison.Ordinal));
        // Planning may use Lowering, and Emit may use Model.
        Assert.DoesNotContain(violations, v => v.StartsWith("Planning/", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("Generator.Model.Rule", StringComparison.Ordinal));
    }

    /// <summary>Finds, in generator sources given by path relative to the generator project, every use of a type of a stage the file's own stage may not use.</summary>
    internal static class StageChecker
    {
        private const string Prefix = "SigmaCompile.Generator";

        // Rank in the stage order; the shared folders rank below every stage.
        private static readonly Dictionary<string, int> Stages = new(StringComparer.Ordinal)
        {
            ["Model"] = 0,
            ["Diagnostics"] = 0,
            ["Reading"] = 1,
            ["Lowering"] = 2,
            ["Planning"] = 3,
            ["Emit"] = 4,
        };

        public static List<string> Violations(IReadOnlyList<(string Path, string Text)> files)
        {
            List<SyntaxTree> trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, path: f.Path)).ToList();
            // Our own types are all that matter here: external ones (YamlDotNet) may stay unresolved.
            var compilation = CSharpCompilation.Create("StageCheck", trees, GeneratorHarness.References
                .Append(MetadataReference.CreateFromFile(typeof(Compilation).Assembly.Location))
                .Append(MetadataReference.CreateFromFile(typeof(CSharpCompilation).Assembly.Location)));
            var violations = new List<string>();
            foreach (SyntaxTree tree in trees)
            {
                string? stage = StageOfPath(tree.FilePath);
                if (stage is null)
                    continue; // the wiring at the root may use every stage
                SemanticModel model = compilation.GetSemanticModel(tree);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (SimpleNameSyntax name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    SymbolInfo info = model.GetSymbolInfo(name);
                    ISymbol? symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                    if (symbol is null || OwnerNamespace(symbol) is not { } ns)
                        continue;
                    string? used = StageOfNamespace(ns);
                    if (Allowed(stage, used, symbol))
                        continue;
                    FileLinePositionSpan span = name.GetLocation().GetLineSpan();
                    string what = symbol is INamespaceSymbol ? "namespace " + ns : symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
                    string message = $"{tree.FilePath}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {stage} uses {what} of {used ?? "the generator's root (wiring)"}";
                    if (seen.Add(message))
                        violations.Add(message);
                }
            }
            return violations;
        }

        private static string? StageOfPath(string path)
        {
            int slash = path.IndexOf('/');
            return slash > 0 && Stages.ContainsKey(path.Substring(0, slash)) ? path.Substring(0, slash) : null;
        }

        // The generator namespace a symbol belongs to (a type's, a member's type's, or a namespace itself), or null for one outside the generator.
        private static string? OwnerNamespace(ISymbol symbol)
        {
            INamespaceSymbol? ns = symbol as INamespaceSymbol ?? (symbol as INamedTypeSymbol ?? symbol.ContainingType)?.ContainingNamespace;
            string? name = ns?.ToDisplayString();
            return name is not null && (name == Prefix || name.StartsWith(Prefix + ".", StringComparison.Ordinal)) ? name : null;
        }

        // "Reading" for SigmaCompile.Generator.Reading(.X); null for the root namespace.
        private static string? StageOfNamespace(string ns)
        {
            if (ns.Length <= Prefix.Length)
                return null;
            string rest = ns.Substring(Prefix.Length + 1);
            int dot = rest.IndexOf('.');
            return dot < 0 ? rest : rest.Substring(0, dot);
        }

        private static bool Allowed(string stage, string? used, ISymbol symbol)
        {
            if (symbol is INamespaceSymbol { Name: "Generator" } or INamespaceSymbol { Name: "SigmaCompile" })
                return true; // the prefix of a qualified name
            if (used is null || !Stages.TryGetValue(used, out int usedRank))
                return false; // the wiring, or a folder that is not a stage
            if (used == stage)
                return true;
            int rank = Stages[stage];
            if (stage == "Emit")
                return used == "Model"; // writers read models and nothing else
            return usedRank < rank || (usedRank == 0 && rank == 0);
        }
    }
}
