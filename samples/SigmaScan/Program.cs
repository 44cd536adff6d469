namespace SigmaScan; internal static class Program { private static int Main() { foreach (var r in SigmaScan.Rules.SigmaRules.All) System.Console.WriteLine(r.Id + " " + r.Title); return 0; } }
