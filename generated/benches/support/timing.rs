//! A paired timer for the client benchmarks: it measures two ways of doing the same work in
//! alternation, in the same run, and reports their median times and the median of their ratios;
//! [`compare_runs`] repeats that several times to show the spread between runs.
//!
//! Absolute times vary between machines and with the load of a shared one; the ratio of two
//! measurements taken in alternation varies much less, so it is the figure the budgets use.

use std::time::{Duration, Instant};

/// How a benchmark binary was started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunMode {
    /// `cargo bench`: measure for real.
    Bench,
    /// `cargo test --benches` or `cargo bench -- --test`: run every measurement once, as a smoke test.
    Test,
}

impl RunMode {
    /// Reads the mode from the command line the way divan does.
    pub fn from_arguments() -> Self {
        let arguments: Vec<String> = std::env::args().collect();
        let bench = arguments.iter().any(|argument| argument == "--bench");
        let test = arguments.iter().any(|argument| argument == "--test");
        if bench && !test {
            Self::Bench
        } else {
            Self::Test
        }
    }

    /// A note for the summary header: empty when measuring, a warning in a smoke run.
    pub fn note(self) -> &'static str {
        match self {
            Self::Bench => "",
            Self::Test => " [smoke run: one iteration each, the figures are not measurements]",
        }
    }

    /// How many independent comparisons [`compare_runs`] makes.
    fn runs(self) -> usize {
        match self {
            Self::Bench => 7,
            Self::Test => 1,
        }
    }

    /// How many alternating rounds a comparison runs.
    fn rounds(self) -> usize {
        match self {
            Self::Bench => 61,
            Self::Test => 1,
        }
    }

    /// How long one batch of iterations should take: long enough that timer resolution does not
    /// matter, and short enough that on a loaded machine most pairs of batches run without being
    /// preempted, so that the median round is a clean one.
    fn batch_target(self) -> Duration {
        match self {
            Self::Bench => Duration::from_millis(1),
            Self::Test => Duration::ZERO,
        }
    }
}

/// The result of one comparison: medians per iteration and the median ratio of the two.
#[derive(Clone, Copy, Debug)]
pub struct Comparison {
    /// Median time of one iteration of the measured work.
    pub measured: Duration,
    /// Median time of one iteration of the baseline.
    pub baseline: Duration,
    /// Median over rounds of `measured / baseline`, each round timing both back to back.
    pub ratio: f64,
}

/// Times `measured` against `baseline` in alternating batches and returns the medians.
///
/// Each round runs one batch of each, swapping which goes first every round so that neither
/// always gets the warmer cache; a batch holds enough iterations to take about a millisecond.
pub fn compare(
    mode: RunMode,
    mut measured: impl FnMut(),
    mut baseline: impl FnMut(),
) -> Comparison {
    let iterations = calibrate(mode, &mut measured).max(calibrate(mode, &mut baseline));
    let rounds = mode.rounds();
    let mut measured_times = Vec::with_capacity(rounds);
    let mut baseline_times = Vec::with_capacity(rounds);
    let mut ratios = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let (measured_time, baseline_time) = if round % 2 == 0 {
            let measured_time = time_batch(iterations, &mut measured);
            (measured_time, time_batch(iterations, &mut baseline))
        } else {
            let baseline_time = time_batch(iterations, &mut baseline);
            (time_batch(iterations, &mut measured), baseline_time)
        };
        ratios
            .push(measured_time.as_secs_f64() / baseline_time.as_secs_f64().max(f64::MIN_POSITIVE));
        measured_times.push(measured_time / iterations);
        baseline_times.push(baseline_time / iterations);
    }
    Comparison {
        measured: median_duration(&mut measured_times),
        baseline: median_duration(&mut baseline_times),
        ratio: median_ratio(&mut ratios),
    }
}

/// Several independent comparisons of the same work, each calibrated and timed on its own, so that
/// the spread of the ratio across runs shows how far one run can be trusted.
#[derive(Clone, Debug)]
pub struct Runs {
    /// One comparison per run, in the order they ran.
    pub comparisons: Vec<Comparison>,
}

impl Runs {
    /// The median over runs of each run's median ratio: the figure a budget is checked against.
    pub fn median_ratio(&self) -> f64 {
        median_ratio(&mut self.ratios())
    }

    /// The smallest ratio of any run.
    pub fn min_ratio(&self) -> f64 {
        self.ratios().into_iter().fold(f64::INFINITY, f64::min)
    }

    /// The largest ratio of any run.
    pub fn max_ratio(&self) -> f64 {
        self.ratios().into_iter().fold(f64::NEG_INFINITY, f64::max)
    }

    /// The median over runs of the measured time per iteration.
    pub fn median_measured(&self) -> Duration {
        median_duration(
            &mut self
                .comparisons
                .iter()
                .map(|run| run.measured)
                .collect::<Vec<_>>(),
        )
    }

    /// The median over runs of the baseline time per iteration.
    pub fn median_baseline(&self) -> Duration {
        median_duration(
            &mut self
                .comparisons
                .iter()
                .map(|run| run.baseline)
                .collect::<Vec<_>>(),
        )
    }

    /// The number of runs.
    pub fn count(&self) -> usize {
        self.comparisons.len()
    }

    fn ratios(&self) -> Vec<f64> {
        self.comparisons.iter().map(|run| run.ratio).collect()
    }
}

/// Runs [`compare`] several times (once in a smoke run) and keeps every result.
pub fn compare_runs(mode: RunMode, mut measured: impl FnMut(), mut baseline: impl FnMut()) -> Runs {
    let comparisons = (0..mode.runs())
        .map(|_| compare(mode, &mut measured, &mut baseline))
        .collect();
    Runs { comparisons }
}

/// Finds how many iterations of `work` fill one batch.
fn calibrate(mode: RunMode, work: &mut impl FnMut()) -> u32 {
    let target = mode.batch_target();
    let mut iterations: u32 = 1;
    loop {
        let elapsed = time_batch(iterations, work);
        if elapsed >= target || iterations >= 1 << 24 {
            return iterations;
        }
        iterations = iterations.saturating_mul(2);
    }
}

fn time_batch(iterations: u32, work: &mut impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..iterations {
        work();
    }
    started.elapsed()
}

fn median_duration(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn median_ratio(samples: &mut [f64]) -> f64 {
    samples.sort_unstable_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Writes a duration with three significant figures and a unit: `812 ns`, `1.23 µs`, `4.56 ms`.
pub fn format_duration(duration: Duration) -> String {
    let nanos = duration.as_secs_f64() * 1e9;
    if nanos < 1e3 {
        format!("{nanos:.0} ns")
    } else if nanos < 1e6 {
        format!("{:.2} µs", nanos / 1e3)
    } else if nanos < 1e9 {
        format!("{:.2} ms", nanos / 1e6)
    } else {
        format!("{:.2} s", nanos / 1e9)
    }
}
