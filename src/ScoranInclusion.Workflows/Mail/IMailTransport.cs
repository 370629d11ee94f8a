namespace ScoranInclusion.Workflows.Mail;

/// <summary>
/// Hands one message to the SMTP server. The implementation (MailKit) is the host's, as the password hasher is: the
/// workflows decide what is sent and when, the host how.
/// </summary>
public interface IMailTransport
{
    /// <summary>
    /// Returns once the server accepted the message. Throws <see cref="MailTransportException"/> (permanent or not) when it
    /// did not; any other exception counts as a temporary failure.
    /// </summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>A message as the transport sends it.</summary>
public sealed record OutgoingMail(string From, string To, string Subject, string TextBody, string HtmlBody, string MessageId);

/// <summary>A refused send: <see cref="Permanent"/> when trying again cannot help (a recipient the server refuses for good).</summary>
public sealed class MailTransportException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
