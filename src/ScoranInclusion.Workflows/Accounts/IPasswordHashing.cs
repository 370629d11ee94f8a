namespace ScoranInclusion.Workflows.Accounts;

/// <summary>What checking a password against its stored hash found.</summary>
public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Right, but hashed in an older format: hash it again now that it is known.</summary>
    SuccessRehashNeeded,
}

/// <summary>
/// Password hashing, behind an interface so that the workflows need no web framework: the server
/// implements it with ASP.NET Core Identity's PBKDF2 hasher (<c>Server/Security/IdentityPasswordHashing.cs</c>).
/// </summary>
public interface IPasswordHashing
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);

    /// <summary>
    /// The work of one verification, for a login that has no hash to check (unknown e-mail, no password yet, disabled,
    /// throttled): its answer and its time must not tell such a login apart from a wrong password.
    /// </summary>
    void VerifyNothing(string password);
}
