package org.sunshine.matching;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.sunshine.subscription.Interest;
import org.sunshine.subscription.Subscriptions;

/**
 * Matching at scale (README "Benchmarks"): interests drawn Zipf-wise from the words of real agenda items (the
 * agenda PDFs and feeds of {@code ../shared/corpus}: single words, 2–3-word phrases, some with OR, NOT and alias
 * members) are matched against those items by the interest index, and — on a sample of the items — by a
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

	private static final int REFERENCE_SAMPLE = 300;

	private final Map<String, String> figures = new LinkedHashMap<>();

	public static void main(String[] args) throws Exception {
		List<Integer> sizes = Arrays.stream(System.getProperty("bench.interests", "10000,100000").split(","))
			.map(String::strip).map(Integer::parseInt).toList();
		new MatchingBenchmark().run(sizes);
		// Each index's Lucene Monitor keeps a purge thread of its own; the figures are out, so end here.
		System.exit(0);
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
		List<Interest> interests = interests(size, items, vocabulary, new Random(size));
		AtomicReference<List<Interest>> active = new AtomicReference<>(interests);
		AtomicReference<String> version = new AtomicReference<>("1");
		Subscriptions subscriptions = mock(Subscriptions.class);
		when(subscriptions.activeInterests()).thenAnswer(call -> active.get());
		when(subscriptions.interestVersion()).thenAnswer(call -> version.get());
		InterestIndex index = new InterestIndex(subscriptions,
				new InterestQueries(new AliasGroups(Path.of("config/aliases.yml"))));
		String label = String.format(Locale.ROOT, "%,d interests", size);

		long start = System.nanoTime();
		index.match(List.of(items.get(0)));
		figures.put(label + ": index build (first match)", millis(System.nanoTime() - start));
		figures.put(label + ": distinct queries stored", String.format(Locale.ROOT, "%,d", index.storedQueries()));

		// Every item alone, as a poll's change arrives: latency per item, and the rate over all of them.
		long[] perItem = new long[items.size()];
		List<Set<String>> found = new ArrayList<>();
		long all = System.nanoTime();
		for (int i = 0; i < items.size(); i++) {
			long one = System.nanoTime();
			found.add(queriesOf(index.match(List.of(items.get(i))).get(0)));
			perItem[i] = System.nanoTime() - one;
		}
		double seconds = (System.nanoTime() - all) / 1e9;
		Arrays.sort(perItem);
		figures.put(label + ": items/s (one item per call)", String.format(Locale.ROOT, "%,.0f", items.size() / seconds));
		figures.put(label + ": p50 / p99 per item", micros(perItem[perItem.length / 2]) + " / "
				+ micros(perItem[(int) Math.ceil(perItem.length * 0.99) - 1]));

		// The brute-force reference on a sample: every distinct query against the item, in a MemoryIndex.
		Map<String, InterestQuery> distinct = new HashMap<>();
		InterestQueries compiler = new InterestQueries(new AliasGroups(Path.of("config/aliases.yml")));
		interests.forEach(interest -> interest.terms().forEach(term -> {
			InterestQuery query = compiler.stored(term);
			distinct.putIfAbsent(query.query().toString(), query);
		}));
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
			if (!expected.equals(new TreeSet<>(found.get(i)))) {
				differing++;
				System.err.println("DIFFERENT MATCHES for item " + i + ": index " + new TreeSet<>(found.get(i)) + " reference " + expected);
			}
		}
		double referenceSeconds = (System.nanoTime() - reference) / 1e9;
		figures.put(label + ": brute-force reference items/s (" + sample + " items)",
				String.format(Locale.ROOT, "%,.1f", sample / referenceSeconds));
		if (differing > 0) {
			throw new IllegalStateException(differing + " of " + sample + " items matched differently from the reference");
		}
		figures.put(label + ": match sets equal to the reference", sample + " of " + sample + " items");

		// One sign-up: the next match takes it in without a rebuild.
		List<Interest> more = new ArrayList<>(interests);
		more.add(new Interest(size + 1L, size + 1L, List.of("\"new ferry terminal\""), List.of(), null, null));
		int buildsBefore = index.builds();
		index.match(List.of(items.get(1)));
		long plain = System.nanoTime();
		index.match(List.of(items.get(1)));
		plain = System.nanoTime() - plain;
		active.set(more);
		version.set("2");
		long added = System.nanoTime();
		index.match(List.of(items.get(1)));
		added = System.nanoTime() - added - plain;
		figures.put(label + ": adding one interest (next match, less a plain match)", millis(added)
				+ (index.builds() == buildsBefore ? ", no rebuild" : ", REBUILT"));
		System.gc();
		var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		figures.put(label + ": heap used after GC, index in memory", heap.getUsed() / (1 << 20) + " MB");
	}

	private static Set<String> queriesOf(List<InterestIndex.TermQuery> hits) {
		Set<String> ids = new HashSet<>();
		hits.forEach(hit -> ids.add(hit.query().query().toString()));
		return ids;
	}

	/** Interests as residents write them: mostly single words of the agendas' vocabulary, Zipf-distributed. */
	private static List<Interest> interests(int size, List<String> items, List<String> vocabulary, Random random) {
		double[] cumulative = zipf(vocabulary.size(), 1.07);
		List<Interest> interests = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			double kind = random.nextDouble();
			String term;
			if (kind < 0.70) {
				term = pick(vocabulary, cumulative, random);
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
