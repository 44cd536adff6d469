using System;
using System.Collections.Generic;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Titles of the common Windows events, for event coverage rows: every Sysmon event id (1 to 29 and 255, named as
/// Sysmon names them) and the Security events that Sigma rules use most (named as Microsoft's audit documentation
/// titles them). An event id outside the table is titled by its channel and id (<c>System event 7045</c>).
/// docs/catalog.md lists the ids covered; keep the two in step.
/// </summary>
internal static class WindowsEventTitles
{
    public const string SysmonChannel = "Microsoft-Windows-Sysmon/Operational";
    public const string SecurityChannel = "Security";

    // Provider names that identify the same logs when a rule names the provider rather than the channel.
    private const string SysmonProvider = "Microsoft-Windows-Sysmon";
    private const string SecurityProvider = "Microsoft-Windows-Security-Auditing";

    private static readonly Dictionary<string, string> Sysmon = new(StringComparer.Ordinal)
    {
        ["1"] = "Process creation",
        ["2"] = "A process changed a file creation time",
        ["3"] = "Network connection",
        ["4"] = "Sysmon service state changed",
        ["5"] = "Process terminated",
        ["6"] = "Driver loaded",
        ["7"] = "Image loaded",
        ["8"] = "CreateRemoteThread",
        ["9"] = "RawAccessRead",
        ["10"] = "ProcessAccess",
        ["11"] = "FileCreate",
        ["12"] = "RegistryEvent (Object create and delete)",
        ["13"] = "RegistryEvent (Value Set)",
        ["14"] = "RegistryEvent (Key and Value Rename)",
        ["15"] = "FileCreateStreamHash",
        ["16"] = "ServiceConfigurationChange",
        ["17"] = "PipeEvent (Pipe Created)",
        ["18"] = "PipeEvent (Pipe Connected)",
        ["19"] = "WmiEvent (WmiEventFilter activity detected)",
        ["20"] = "WmiEvent (WmiEventConsumer activity detected)",
        ["21"] = "WmiEvent (WmiEventConsumerToFilter activity detected)",
        ["22"] = "DNSEvent (DNS query)",
        ["23"] = "FileDelete (File Delete archived)",
        ["24"] = "ClipboardChange (New content in the clipboard)",
        ["25"] = "ProcessTampering (Process image change)",
        ["26"] = "FileDeleteDetected (File Delete logged)",
        ["27"] = "FileBlockExecutable",
        ["28"] = "FileBlockShredding",
        ["29"] = "FileExecutableDetected",
        ["255"] = "Error",
    };

    private static readonly Dictionary<string, string> Security = new(StringComparer.Ordinal)
    {
        ["1102"] = "The audit log was cleared",
        ["4624"] = "An account was successfully logged on",
        ["4625"] = "An account failed to log on",
        ["4634"] = "An account was logged off",
        ["4647"] = "User initiated logoff",
        ["4648"] = "A logon was attempted using explicit credentials",
        ["4656"] = "A handle to an object was requested",
        ["4657"] = "A registry value was modified",
        ["4658"] = "The handle to an object was closed",
        ["4660"] = "An object was deleted",
        ["4662"] = "An operation was performed on an object",
        ["4663"] = "An attempt was made to access an object",
        ["4670"] = "Permissions on an object were changed",
        ["4672"] = "Special privileges assigned to new logon",
        ["4673"] = "A privileged service was called",
        ["4688"] = "A new process has been created",
        ["4689"] = "A process has exited",
        ["4697"] = "A service was installed in the system",
        ["4698"] = "A scheduled task was created",
        ["4699"] = "A scheduled task was deleted",
        ["4700"] = "A scheduled task was enabled",
        ["4701"] = "A scheduled task was disabled",
        ["4702"] = "A scheduled task was updated",
        ["4719"] = "System audit policy was changed",
        ["4720"] = "A user account was created",
        ["4722"] = "A user account was enabled",
        ["4724"] = "An attempt was made to reset an account's password",
        ["4725"] = "A user account was disabled",
        ["4726"] = "A user account was deleted",
        ["4728"] = "A member was added to a security-enabled global group",
        ["4732"] = "A member was added to a security-enabled local group",
        ["4738"] = "A user account was changed",
        ["4740"] = "A user account was locked out",
        ["4742"] = "A computer account was changed",
        ["4756"] = "A member was added to a security-enabled universal group",
        ["4768"] = "A Kerberos authentication ticket (TGT) was requested",
        ["4769"] = "A Kerberos service ticket was requested",
        ["4771"] = "Kerberos pre-authentication failed",
        ["4776"] = "The computer attempted to validate the credentials for an account",
        ["4781"] = "The name of an account was changed",
        ["4798"] = "A user's local group membership was enumerated",
        ["4799"] = "A security-enabled local group membership was enumerated",
        ["5136"] = "A directory service object was modified",
        ["5140"] = "A network share object was accessed",
        ["5145"] = "A network share object was checked to see whether client can be granted desired access",
        ["5156"] = "The Windows Filtering Platform has permitted a connection",
    };

    /// <summary>The title of event <paramref name="id"/> of a channel or provider: from the table, else <c>&lt;provider&gt; event &lt;id&gt;</c>.</summary>
    public static string Title(string provider, string id)
    {
        Dictionary<string, string>? table =
            string.Equals(provider, SysmonChannel, StringComparison.OrdinalIgnoreCase) || string.Equals(provider, SysmonProvider, StringComparison.OrdinalIgnoreCase) ? Sysmon
            : string.Equals(provider, SecurityChannel, StringComparison.OrdinalIgnoreCase) || string.Equals(provider, SecurityProvider, StringComparison.OrdinalIgnoreCase) ? Security
            : null;
        return table is not null && table.TryGetValue(id.Trim(), out string? title) ? title : provider + " event " + id;
    }

    /// <summary>The ids the table titles, per channel, for the documentation test.</summary>
    internal static IEnumerable<string> SysmonIds => Sysmon.Keys;

    internal static IEnumerable<string> SecurityIds => Security.Keys;
}
