// The consuming app's Program.cs: reads one JSON event from the first argument (or stdin) and prints the id of
// every compiled rule that matches it, one per line.
using System.Text.Json;
using SigmaCompile;

string json = args.Length > 0 ? args[0] : Console.In.ReadToEnd();
using JsonDocument document = JsonDocument.Parse(json);
foreach (IDetectionRule rule in SigmaApp.Rules.SigmaRules.All)
{
    if (rule.IsMatch(document.RootElement))
        Console.WriteLine(rule.Id);
}
