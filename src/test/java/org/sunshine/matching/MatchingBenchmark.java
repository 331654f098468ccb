package org.sunshine.matching;


import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.sunshine.subscription.Interest;
import org.sunshine.subscription.ActiveInterests;
import org.sunshine.subscription.ActiveInterests.InterestChange;
import org.sunshine.subscription.ActiveInterests.InterestJournal;

/**
 * Matching at scale (README "Benchmarks"): interests drawn Zipf-wise from the words of real agenda items (the
 * agenda PDFs and feeds of {@code ../shared/corpus}: single words, 2–3-word phrases, some with OR, NOT, alias
 * members and prefixes) are matched against those items by the interest index, and — on a sample of the items — by a
 * brute-force reference that runs every distinct query against every item; the run fails loudly if any match set
 * differs. Prints items/s, p50 / p99 per item, the index build, adding one interest, and heap, for each size.
 * <p>
 * {@code bench/matching} (sizes with {@code -Dbench.interests=10000,100000,1000000}).
 */
public final class MatchingBenchmark {

	private static final Path CORPUS = Path.of("../shared/corpus");

	private static final Set<String> STOP = Set.of("the", "and", "for", "with", "from", "that", "this", "will", "shall",
			"which", "such", "their", "there", "have", "been", "into", "upon", "other", "than", "then", "also", "each",
			"page", "item", "items", "agenda", "city", "council", "meeting");

	private static final int REFERENCE_SAMPLE = Integer.getInteger("bench.reference", 300);

	/** Passes over all the items, measured. */
	private static final int PASSES = Integer.getInteger("bench.passes", 5);

	private final Map<String, String> figures = new LinkedHashMap<>();

	public static void main(String[] args) throws Exception {
		List<Integer> sizes = Arrays.stream(System.getProperty("bench.interests", "10000,100000").split(","))
			.map(String::strip).map(Integer::parseInt).toList();
		new MatchingBenchmark().run(sizes);
	}

	private void run(List<Integer> sizes) throws Exception {
		List<String> items = items();
		List<String> vocabulary = vocabulary(items);
		figures.put("agenda items (lines of real agendas and feeds)", String.valueOf(items.size()));
		figures.put("vocabulary (distinct words, by frequency)", String.valueOf(vocabulary.size()));
		for (int size : sizes) {
			measure(size, items, vocabulary);
		}
		figures.forEach((name, value) -> System.out.printf("%-72s %s%n", name, value));
	}

	private void measure(int size, List<String> items, List<String> vocabulary) throws Exception {
		AliasGroups aliases = new AliasGroups(Path.of("config/aliases.yml"));
		List<Interest> interests = interests(size, items, vocabulary, aliases.current(), new Random(size));
		FakeJournal journal = new FakeJournal(interests);
		InterestIndex index = new InterestIndex(journal, new InterestQueries(aliases), Clock.systemUTC());
		String label = String.format(Locale.ROOT, "%,d interests", size);

		long start = System.nanoTime();
		index.match(List.of(items.get(0)));
		figures.put(label + ": index build (first match)", millis(System.nanoTime() - start));
		figures.put(label + ": distinct queries stored", String.format(Locale.ROOT, "%,d", index.storedQueries()));

		// A running server's code is compiled by the JIT: three passes over the items first, not measured.
		for (int pass = 0; pass < 3; pass++) {
			items.forEach(item -> index.match(List.of(item)));
		}
		// Building a million interests leaves a gigabyte of garbage: collected now, so that the collector's
		// concurrent marking of it does not run into the measured passes (it halved their rate in some runs).
		System.gc();

		// Every item alone, as a poll's change arrives: latency per item, and the rate over all of them. What a
		// match hands out is each distinct query hit with its holders (the fan-out planning walks), counted here.
		// The hits are kept as handed out and read after the clock stops. Several passes over the items, so that a
		// figure is not one tenth of a second's worth.
		long[] perItem = new long[items.size() * PASSES];
		List<List<InterestIndex.QueryHit>> found = new ArrayList<>(items.size());
		var threads = ManagementFactory.getThreadMXBean();
		long cpu = threads.getCurrentThreadCpuTime();
		long all = System.nanoTime();
		double[] passRates = new double[PASSES];
		for (int pass = 0; pass < PASSES; pass++) {
			long passStarted = System.nanoTime();
			for (int i = 0; i < items.size(); i++) {
				long one = System.nanoTime();
				List<InterestIndex.QueryHit> hits = index.match(List.of(items.get(i))).get(0).queries();
				perItem[pass * items.size() + i] = System.nanoTime() - one;
				if (pass == 0) {
					found.add(hits);
				}
			}
			passRates[pass] = items.size() / ((System.nanoTime() - passStarted) / 1e9);
		}
		double seconds = (System.nanoTime() - all) / 1e9;
		// On a shared machine the wall clock counts the time other processes had the cores; CPU time does not.
		double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
		long holders = 0;
		long queriesHit = 0;
		for (List<InterestIndex.QueryHit> hits : found) {
			queriesHit += hits.size();
			for (InterestIndex.QueryHit hit : hits) {
				holders += hit.holders().size();
			}
		}
		Arrays.sort(perItem);
		figures.put(label + ": items/s (one item per call)", String.format(Locale.ROOT, "%,.0f", perItem.length / seconds));
		// This machine's cores are shared with others': a pass can run at half speed while a neighbour is busy.
		Arrays.sort(passRates);
		figures.put(label + ": items/s per pass over all items, median (slowest – fastest)", String.format(Locale.ROOT,
				"%,.0f (%,.0f – %,.0f)", passRates[passRates.length / 2], passRates[0], passRates[passRates.length - 1]));
		figures.put(label + ": p50 / p99 per item", micros(perItem[perItem.length / 2]) + " / "
				+ micros(perItem[(int) Math.ceil(perItem.length * 0.99) - 1]));
		figures.put(label + ": items per CPU-second of the matching thread", String.format(Locale.ROOT, "%,.0f",
				perItem.length / cpuSeconds));
		figures.put(label + ": distinct queries matched per item (mean)",
				String.format(Locale.ROOT, "%,.0f", queriesHit / (double) items.size()));
		int[] perItemHits = found.stream().mapToInt(List::size).sorted().toArray();
		figures.put(label + ": distinct queries matched per item, p99 / max", String.format(Locale.ROOT, "%,d / %,d",
				perItemHits[(int) Math.ceil(perItemHits.length * 0.99) - 1], perItemHits[perItemHits.length - 1]));
		figures.put(label + ": interests matched per item (mean fan-out)",
				String.format(Locale.ROOT, "%,.0f", holders / (double) items.size()));

		// The brute-force reference on a sample: every distinct query's Lucene query against the item, in a
		// MemoryIndex (Lucene's own matching, not the index's conditions).
		Map<String, InterestQuery> distinct = new HashMap<>();
		InterestQueries compiler = new InterestQueries(aliases);
		Set<String> texts = new HashSet<>();
		interests.forEach(interest -> texts.addAll(interest.terms()));
		texts.forEach(text -> {
			InterestQuery query = compiler.stored(text);
			distinct.putIfAbsent(query.query().toString(), query);
		});
		Random sampling = new Random(7);
		int sample = Math.min(REFERENCE_SAMPLE, items.size());
		long reference = System.nanoTime();
		int differing = 0;
		for (int s = 0; s < sample; s++) {
			int i = size <= 10_000 && sample == items.size() ? s : sampling.nextInt(items.size());
			MemoryIndex text = TermAnalysis.memoryIndex(items.get(i));
			Set<String> expected = new TreeSet<>();
			distinct.forEach((id, query) -> {
				if (text.search(query.query()) > 0.0f) {
					expected.add(id);
				}
			});
			Set<String> indexed = new TreeSet<>();
			found.get(i).forEach(hit -> indexed.add(hit.key()));
			if (!expected.equals(indexed) || indexed.size() != found.get(i).size()) {
				differing++;
				System.err.println("DIFFERENT MATCHES for item " + i + ": index " + found.get(i).stream().map(
						InterestIndex.QueryHit::key).toList() + " reference " + expected);
			}
		}
		double referenceSeconds = (System.nanoTime() - reference) / 1e9;
		figures.put(label + ": brute-force reference items/s (" + sample + " items)",
				String.format(Locale.ROOT, "%,.1f", sample / referenceSeconds));
		if (differing > 0) {
			throw new IllegalStateException(differing + " of " + sample + " items matched differently from the reference");
		}
		figures.put(label + ": match sets equal to the reference", sample + " of " + sample + " items");

		// Sign-ups, one at a time, each taken in by the next match from the journal (the incremental path): the
		// time of that match less a plain one's.
		int buildsBefore = index.builds();
		List<String> newTerms = List.of("\"new ferry terminal\"", vocabulary.get(0), "ICE", "stormwater OR seawall",
				vocabulary.get(5) + " -" + vocabulary.get(1), "annex*", vocabulary.get(vocabulary.size() / 2),
				"\"public hearing\"", "287(g)", vocabulary.get(2));
		long[] adds = new long[newTerms.size()];
		for (int n = 0; n < newTerms.size(); n++) {
			index.match(List.of(items.get(1)));
			long plain = System.nanoTime();
			index.match(List.of(items.get(1)));
			plain = System.nanoTime() - plain;
			long id = size + 1L + n;
			journal.signUp(new Interest(id, id, List.of(newTerms.get(n)), List.of(), null, null));
			long added = System.nanoTime();
			index.match(List.of(items.get(1)));
			adds[n] = Math.max(0, System.nanoTime() - added - plain);
		}
		Arrays.sort(adds);
		figures.put(label + ": adding one interest (next match less a plain one), median / max of " + adds.length,
				millis(adds[adds.length / 2]) + " / " + millis(adds[adds.length - 1])
						+ (index.builds() == buildsBefore ? ", no rebuild" : ", REBUILT"));
		found.clear();
		distinct.clear();
		System.gc();
		var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		figures.put(label + ": heap used after GC, index in memory", heap.getUsed() / (1 << 20) + " MB");
		// The index is what is measured: it must still be reachable when the heap is (the JIT would free it).
		Reference.reachabilityFence(index);
		Reference.reachabilityFence(journal);
	}

	/**
	 * The subscription module as the index sees it ({@link ActiveInterests}), over the generated interests held in
	 * memory: every interest at a build, and a journal of sign-ups that the index reads as it reads the real one.
	 * (On a server the journal's bounds are one indexed read per match call, not counted here.)
	 */
	private static final class FakeJournal implements ActiveInterests {

		final List<Interest> interests;

		final Map<Long, List<Interest>> bySubscriber = new HashMap<>();

		final List<InterestChange> changes = new ArrayList<>();

		FakeJournal(List<Interest> interests) {
			this.interests = interests;
			interests.forEach(interest -> bySubscriber.computeIfAbsent(interest.subscriberId(), id -> new ArrayList<>())
				.add(interest));
		}

		@Override
		public List<Interest> activeInterests() {
			return interests;
		}

		@Override
		public List<Interest> activeInterestsOf(Collection<Long> subscriberIds) {
			return subscriberIds.stream().flatMap(id -> bySubscriber.getOrDefault(id, List.of()).stream()).toList();
		}

		@Override
		public InterestJournal interestJournal() {
			return changes.isEmpty() ? new InterestJournal(0, 0)
					: new InterestJournal(changes.get(0).seq(), changes.get(changes.size() - 1).seq());
		}

		@Override
		public List<InterestChange> interestChangesSince(long seq, Collection<Long> alsoSeqs) {
			return changes.stream().filter(change -> change.seq() > seq || alsoSeqs.contains(change.seq())).toList();
		}

		void signUp(Interest interest) {
			bySubscriber.computeIfAbsent(interest.subscriberId(), id -> new ArrayList<>()).add(interest);
			changes.add(new InterestChange(changes.size() + 1, interest.subscriberId()));
		}

	}

	/** Interests as residents write them: mostly single words of the agendas' vocabulary, Zipf-distributed. */
	private static List<Interest> interests(int size, List<String> items, List<String> vocabulary,
			List<List<String>> aliases, Random random) {
		double[] cumulative = zipf(vocabulary.size(), 1.07);
		List<String> members = aliases.stream().flatMap(List::stream).toList();
		List<Interest> interests = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			double kind = random.nextDouble();
			String term;
			if (kind < 0.53) {
				term = pick(vocabulary, cumulative, random);
			}
			else if (kind < 0.55) {
				// The beginning of a word ("annex*", "stormwat*").
				String word = pick(vocabulary, cumulative, random);
				term = word.substring(0, Math.max(4, word.length() - 2)) + "*";
			}
			else if (kind < 0.60) {
				// Two words, both wanted ("budget amendment").
				term = pick(vocabulary, cumulative, random) + " " + pick(vocabulary, cumulative, random);
			}
			else if (kind < 0.65) {
				// Three ("police fire station").
				term = pick(vocabulary, cumulative, random) + " " + pick(vocabulary, cumulative, random) + " "
						+ pick(vocabulary, cumulative, random);
			}
			else if (kind < 0.70) {
				// A member of an alias group ("ICE", "287(g)", "storm water"), as written in config/aliases.yml.
				String member = members.get(random.nextInt(members.size()));
				term = member.contains(" ") ? "\"" + member + "\"" : member;
			}
			else if (kind < 0.85) {
				term = "\"" + phrase(items.get(random.nextInt(items.size())), random) + "\"";
			}
			else if (kind < 0.95) {
				term = pick(vocabulary, cumulative, random) + " OR " + pick(vocabulary, cumulative, random);
			}
			else {
				term = pick(vocabulary, cumulative, random) + " -" + pick(vocabulary, cumulative, random);
			}
			if (term.equals("\"\"")) {
				term = pick(vocabulary, cumulative, random);
			}
			interests.add(new Interest(i + 1L, i + 1L, List.of(term), List.of(), null, null));
		}
		return interests;
	}

	private static String phrase(String item, Random random) {
		List<String> words = words(item);
		if (words.size() < 2) {
			return words.isEmpty() ? "" : words.get(0);
		}
		int length = Math.min(words.size(), 2 + random.nextInt(2));
		int from = random.nextInt(words.size() - length + 1);
		return String.join(" ", words.subList(from, from + length));
	}

	private static double[] zipf(int n, double s) {
		double[] cumulative = new double[n];
		double sum = 0;
		for (int rank = 1; rank <= n; rank++) {
			sum += 1 / Math.pow(rank, s);
			cumulative[rank - 1] = sum;
		}
		for (int i = 0; i < n; i++) {
			cumulative[i] /= sum;
		}
		return cumulative;
	}

	private static String pick(List<String> vocabulary, double[] cumulative, Random random) {
		int at = Arrays.binarySearch(cumulative, random.nextDouble());
		return vocabulary.get(Math.min(at < 0 ? -at - 1 : at, vocabulary.size() - 1));
	}

	private static List<String> words(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}()]+"))
			.filter(word -> word.length() >= 4 && !STOP.contains(word) && word.chars().anyMatch(Character::isLetter))
			.filter(word -> !word.contains("(") && !word.contains(")"))
			.toList();
	}

	/** Words by how often the items use them, the most used first. */
	private static List<String> vocabulary(List<String> items) {
		Map<String, Integer> counts = new HashMap<>();
		items.forEach(item -> words(item).forEach(word -> counts.merge(word, 1, Integer::sum)));
		return counts.entrySet().stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map(Map.Entry::getKey).toList();
	}

	/** Lines of the corpus's agenda PDFs, and the titles and summaries of its feeds' entries. */
	private static List<String> items() throws IOException {
		List<String> items = new ArrayList<>();
		try (Stream<Path> pdfs = Files.list(CORPUS.resolve("pdf"))) {
			for (Path pdf : pdfs.filter(path -> path.toString().endsWith(".pdf")).sorted().toList()) {
				try (var document = Loader.loadPDF(pdf.toFile())) {
					String text = new PDFTextStripper().getText(document);
					text.lines().map(String::strip).filter(line -> line.length() >= 20 && words(line).size() >= 3)
						.forEach(items::add);
				}
			}
		}
		try (Stream<Path> feeds = Files.walk(CORPUS.resolve("rss"))) {
			for (Path feed : feeds.filter(Files::isRegularFile).sorted().toList()) {
				Jsoup.parse(Files.readString(feed), "", org.jsoup.parser.Parser.xmlParser()).select("item > title, item > description, entry > title")
					.forEach(element -> {
						String text = Jsoup.parse(element.text()).text().strip();
						if (words(text).size() >= 2) {
							items.add(text);
						}
					});
			}
		}
		return items;
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%,.1f ms", nanos / 1e6);
	}

	private static String micros(long nanos) {
		return String.format(Locale.ROOT, "%,.0f µs", nanos / 1e3);
	}

}
