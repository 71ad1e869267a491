using System.Globalization;
using System.Text.Json;
using Flags.Engine.BigFiles;

namespace Flags.Reporting;

/// <summary>What the reports add for a file saved with a big-file option: how it began (fresh, resumed, restarted), its ranges and digest.</summary>
internal static class TransferJson
{
    /// <summary>Writes <c>start</c>, <c>resumedFrom</c>, <c>restartReason</c>, <c>segments</c> and <c>digest</c> into the open result object.</summary>
    public static void Write(Utf8JsonWriter json, TransferInfo transfer)
    {
        json.WriteString("start", transfer.StartName);
        if (transfer.Start == TransferStart.Resumed)
        {
            json.WriteNumber("resumedFrom", transfer.ResumedFrom);
        }

        if (transfer.RestartReason is { } reason)
        {
            json.WriteString("restartReason", reason);
        }

        json.WriteNumber("segments", transfer.Segments);
        if (transfer.Digest is { } digest)
        {
            json.WriteString("digest", digest);
        }
    }

    /// <summary>The -v note after <c>OK</c>: <c> (resumed at 512.0 MiB)</c>, <c> (restarted: ...)</c>, <c> (8 ranges)</c>, or empty.</summary>
    public static string Note(TransferInfo? transfer) => transfer switch
    {
        null => "",
        { Start: TransferStart.Resumed } => string.Create(CultureInfo.InvariantCulture, $" (resumed at byte {transfer.ResumedFrom:N0}, {ByteRate.Size(transfer.ResumedFrom)} kept)"),
        { Start: TransferStart.Restarted } => $" (restarted: {transfer.RestartReason})",
        { Segments: > 1 } => string.Create(CultureInfo.InvariantCulture, $" ({transfer.Segments} ranges)"),
        _ => "",
    };
}
