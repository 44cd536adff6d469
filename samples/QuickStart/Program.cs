using System.Text.Json;
using QuickStart.Rules;

// One JSON event, from the first argument or else from standard input.
string json = args.Length > 0 ? args[0] : Console.In.ReadToEnd();
using JsonDocument document = JsonDocument.Parse(json);

foreach (SigmaCompile.IDetectionRule rule in SigmaRules.All)
{
    if (rule.IsMatch(document.RootElement))
        Console.WriteLine($"{rule.Level}: {rule.Title} ({rule.Id})");
}
