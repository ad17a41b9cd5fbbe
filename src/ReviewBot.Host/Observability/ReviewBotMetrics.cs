using Prometheus;

namespace ReviewBot.Host.Observability;

/// <summary>What /metrics reports about the work itself, beside prometheus-net's HTTP and process metrics.</summary>
public static class ReviewBotMetrics
{
    public static readonly Gauge Batches = Metrics.CreateGauge("reviewbot_batches", "Batches in the store.");
    public static readonly Gauge OpenAssignments = Metrics.CreateGauge("reviewbot_open_assignments", "Assignments whose lease is live.");
    public static readonly Counter AnswersRecorded = Metrics.CreateCounter("reviewbot_answers_recorded_total", "Answers recorded (first submissions only).", "kind");
    public static readonly Histogram ImportSeconds = Metrics.CreateHistogram("reviewbot_import_seconds", "Time to validate and store a batch import.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 12) });
    public static readonly Histogram RecordSeconds = Metrics.CreateHistogram("reviewbot_record_seconds", "Time to record an answer in the store (one round trip).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 12) });
}
