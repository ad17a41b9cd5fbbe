using StackExchange.Redis;

namespace ReviewBot.Storage;

/// <summary>
/// The key schema: every key ReviewBot writes, in one place. All keys start with <c>rb:</c>. Every key of one batch
/// carries the hash tag <c>{b:&lt;batchId&gt;}</c>, so the multi-key scripts of a batch run on a Redis Cluster. A script
/// touches only keys it is given in KEYS, never a name it builds: Redis Cluster routes by the declared keys, and Garnet
/// locks exactly those keys for the script's transaction. So the assignments of a batch are fields of one hash, not a
/// key each. What belongs to a person (DESIGN §3 <c>alsoKnownAs</c>) is stored under their person id, never under the
/// key they used, so it is the same on every channel; the one person-level key outside a batch has its own hash tag,
/// and every script is given keys of one tag only.
/// <code>
/// rb:batches                          zset  batch id → due time (unix ms; +inf when none)
/// rb:reviewers                        hash  reviewer key → reviewer JSON (one per key; a person's keys share the profile)
/// rb:{p:PERSON}:lease                 string the person's one open task: its assignment id, or "claiming:…" while a
///                                            claim runs; PX the lease time, so a crashed process never blocks anyone
/// rb:{p:PERSON}:statement:YYYY-MM-DD string when the statement of the pay week starting that day went (kept 14 days)
/// rb:{outbox}:items                   hash  message id → message JSON: everything sent to someone other than who acted,
///                                           now or later (reminders, announcements, lead notes)
/// rb:{outbox}:due, :attempts, :parked, :claims   as for a batch's outbox below
/// rb:event:{ID}                      string the answer to a channel event (JSON), or "running"; repeats of the event get it
/// rb:download-key                     string secret that signs download links from chat (made once, shared by instances)
/// rb:chat:{CONVERSATION}              list  web chat messages of one conversation, oldest first
/// rb:slack:user:{USER}                hash  dm → the Slack DM channel id with that user (written on first contact), name → their name in Slack
/// rb:slack:sent:{MESSAGE ID}          string "posting CHANNEL SINCE" / "posted CHANNEL TS": an outbox message's post to Slack (7 days)
/// rb:teams:user:{AAD OBJECT ID}      hash  ref → the conversation reference of their personal chat with the bot (JSON, written on
///                                           first contact), account → their Teams account (id 29:…, name, tenant, serviceUrl),
///                                           blocked → when Teams answered 403 MessageWritesBlocked (nothing is sent to them after)
/// rb:teams:channel:{CHANNEL ID}       string the conversation reference of a team channel (JSON), written when the app is added to
///                                           the team or used in the channel
/// rb:teams:team:{TEAM ID}             hash  channel id → channel name: the channels of a team the app is installed in
/// rb:teams:sent:{MESSAGE ID}          string "sent ACTIVITY ID": an outbox message Teams has taken (7 days)
/// rb:chat:{CONVERSATION}:seq          string last web chat message number of that conversation (same hash slot)
/// rb:chat:{CONVERSATION}:delivered    set   outbox message ids already written there, so a re-delivery shows once
/// rb:{b:ID}:meta                      string batch settings JSON (without tasks), compared on re-import
/// rb:{b:ID}:rules                     hash  overlap, leaseMs, closed — what the claim script needs
/// rb:{b:ID}:tasks                     hash  task id → task JSON (task text stored once, never per assignment)
/// rb:{b:ID}:order                     zset  task id → import position
/// rb:{b:ID}:open                      zset  task id → import position, while the task has a free slot
/// rb:{b:ID}:req                       hash  task id → effective requirements ",MD,DO,;,cardiology," (batch's unless overridden)
/// rb:{b:ID}:taken                     hash  task id → answers + live leases (a slot is taken by either)
/// rb:{b:ID}:answered                  hash  task id → answers recorded
/// rb:{b:ID}:seq                       string last assignment number
/// rb:{b:ID}:assignments               hash  N:task, N:reviewer (key it went to), N:person, N:deliveredMs, N:deliveredAt,
///                                           N:expiresMs, N:state of assignment ID:N
/// rb:{b:ID}:leases                    zset  assignment id → lease expiry (unix ms), live leases only
/// rb:{b:ID}:holding                   hash  person id → their live assignment id in this batch
/// rb:{b:ID}:seen:PERSON               set   task ids the person has had, on any key (never offered twice)
/// rb:{b:ID}:answers                   hash  assignment id → recorded answer JSON
/// rb:{b:ID}:skips                     hash  assignment id → recorded skip JSON
/// rb:{b:ID}:durations                 zset  assignment id → active seconds (for the median)
/// rb:{b:ID}:ledger:PERSON             zset  assignment id → submitted (unix ms): one person's answers, from any key
/// rb:{b:ID}:stats                     hash  counters: answers, answers:KIND, skips, skips:REASON, harmFlags, severeHarmFlags
/// rb:{b:ID}:deadline:24h             string when the 24-hour deadline warning went (":2h" likewise); expires after the due time
/// rb:{b:ID}:slots                   hash  task id → how many reviewers it takes now, once its overlap grew past min
/// rb:{b:ID}:opinions                hash  task id → the answers' opinions as the growth rule compares them ("b:A h:2 ")
/// rb:{b:ID}:adjudication            zset  task id → when it went to the leads, still split at max (unix ms)
/// rb:{b:ID}:gold                    zset  gold task id → times given, when the batch has a goldRate (then out of the pool)
/// rb:{b:ID}:goldmix                 hash  PERSON:gold, PERSON:all → how many gold tasks, and tasks in all, the person was given
/// rb:{b:ID}:screening               hash  PERSON → screening result JSON; PERSON:attempt → when a retry began (unix ms)
/// rb:{b:ID}:final                   hash  task id → a lead's decision on a split task (JSON): its final label
/// rb:{b:ID}:lapsed                   set   assignment ids whose lease ran out and whose holder is still to be told
/// rb:{b:ID}:outbox:items              hash  message id (assignment id#n) → message JSON: what an answer sets off (harm alerts)
/// rb:{b:ID}:outbox:due                zset  message id → when to send it (unix ms); a claimed one hides until its claim runs out
/// rb:{b:ID}:outbox:attempts           hash  message id → failed sends
/// rb:{b:ID}:outbox:parked             zset  message id → when it was parked after too many failed sends
/// rb:{b:ID}:outbox:claims             hash  message id → until when a sweeper's claim on it holds (unix ms): in flight
/// </code>
/// </summary>
public static class RedisKeys
{
    public static readonly RedisKey Batches = "rb:batches";
    public static readonly RedisKey Reviewers = "rb:reviewers";
    /// <summary>Messages not tied to an answer; the outbox keys share one hash slot so its scripts run on a cluster.</summary>
    public static readonly OutboxKeys Outbox = new("rb:{outbox}:");
    public static readonly RedisKey DownloadSigningKey = "rb:download-key";

    public static RedisKey Event(string eventId) => "rb:event:{" + eventId + "}";

    public static RedisKey ChatMessages(string conversationKey) => "rb:chat:{" + conversationKey + "}";
    public static RedisKey ChatSequence(string conversationKey) => "rb:chat:{" + conversationKey + "}:seq";
    public static RedisKey ChatDelivered(string conversationKey) => "rb:chat:{" + conversationKey + "}:delivered";
    public static RedisKey PersonLease(string person) => "rb:{p:" + person + "}:lease";
    public static RedisKey StatementSent(string person, string weekStart) => "rb:{p:" + person + "}:statement:" + weekStart;

    public static RedisKey SlackPerson(string userId) => "rb:slack:user:{" + userId + "}";
    public static RedisKey SlackSent(string outboxMessageId) => "rb:slack:sent:{" + outboxMessageId + "}";

    public static RedisKey TeamsPerson(string aadObjectId) => "rb:teams:user:{" + aadObjectId + "}";
    public static RedisKey TeamsChannel(string channelId) => "rb:teams:channel:{" + channelId + "}";
    public static RedisKey TeamsTeam(string teamId) => "rb:teams:team:{" + teamId + "}";
    public static RedisKey TeamsSent(string outboxMessageId) => "rb:teams:sent:{" + outboxMessageId + "}";

    public static BatchKeys Batch(string batchId) => new(batchId);
}

public readonly struct BatchKeys(string batchId)
{
    private readonly string _prefix = "rb:{b:" + batchId + "}:";

    public string BatchId { get; } = batchId;
    public RedisKey Meta => _prefix + "meta";
    public RedisKey Rules => _prefix + "rules";
    public RedisKey Tasks => _prefix + "tasks";
    public RedisKey Order => _prefix + "order";
    public RedisKey Open => _prefix + "open";
    public RedisKey Requirements => _prefix + "req";
    public RedisKey Taken => _prefix + "taken";
    public RedisKey Answered => _prefix + "answered";
    public RedisKey Sequence => _prefix + "seq";
    public RedisKey Leases => _prefix + "leases";
    public RedisKey Holding => _prefix + "holding";
    public RedisKey Answers => _prefix + "answers";
    public RedisKey Skips => _prefix + "skips";
    public RedisKey Durations => _prefix + "durations";
    public RedisKey Stats => _prefix + "stats";
    public OutboxKeys Outbox => new(_prefix + "outbox:");
    public RedisKey LapsedToTell => _prefix + "lapsed";
    public RedisKey Slots => _prefix + "slots";
    public RedisKey Opinions => _prefix + "opinions";
    public RedisKey Adjudication => _prefix + "adjudication";
    public RedisKey Final => _prefix + "final";
    public RedisKey Gold => _prefix + "gold";
    public RedisKey GoldMix => _prefix + "goldmix";
    public RedisKey Screening => _prefix + "screening";
    public RedisKey DeadlineWarned(string warning) => _prefix + "deadline:" + warning;
    public RedisKey Assignments => _prefix + "assignments";
    public RedisKey Seen(string person) => _prefix + "seen:" + person;
    public RedisKey Ledger(string person) => _prefix + "ledger:" + person;

    /// <summary>The fields of assignment <c>ID:N</c> in <see cref="Assignments"/>: <c>N:name</c> for each name.</summary>
    public static RedisValue[] AssignmentFields(string assignmentId, params string[] names)
    {
        var sequence = assignmentId[(assignmentId.LastIndexOf(':') + 1)..];
        return names.Select(name => (RedisValue)(sequence + ":" + name)).ToArray();
    }
}

/// <summary>One outbox: the messages, when each is due, how often its send failed, those parked after too many, and
/// those a sweeper holds now.</summary>
public readonly struct OutboxKeys(string prefix)
{
    public RedisKey Items => prefix + "items";
    public RedisKey Due => prefix + "due";
    public RedisKey Attempts => prefix + "attempts";
    public RedisKey Parked => prefix + "parked";
    public RedisKey Claims => prefix + "claims";
}
