package org.sunshine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Deterministic mutations of real source files, for the seeded fuzz tests: mutation {@code i} is always the same
 * bytes (its own {@link Random} is seeded from the fixed seed and {@code i}), so a failure names a mutation that
 * anyone can make again with {@link #mutation(int)}. The kinds are what hostile or broken servers send: flipped bits,
 * cut-off bodies, stray or missing bytes, repeated chunks, two files glued together, deep nesting, huge numbers,
 * invalid UTF-8, and NUL, control and bidi characters.
 */
public final class Mutations {

	/** Large enough to stress a reader, small enough for hundreds of runs on a loaded machine. */
	private static final int MAX_SIZE = 4 * 1024 * 1024;

	public enum Kind {
		BIT_FLIPS, TRUNCATION, INSERTED_BYTES, DELETED_BYTES, DUPLICATED_CHUNK, SPLICE, DEEP_NESTING, HUGE_NUMBER,
		INVALID_UTF8, NUL_AND_BIDI
	}

	/** A real file to start from. */
	public record Seed(String name, byte[] bytes) {
	}

	/** One mutated input, and what it takes to make it again. */
	public record Mutation(int index, Kind kind, String seed, byte[] bytes) {

		public String describe() {
			return "mutation #" + index + " (" + kind + " of " + seed + ", " + bytes.length + " bytes)";
		}

		/** Writes the input under {@code target/fuzz-failures/}, to be kept as a regression test resource. */
		public Path save(String target) {
			try {
				Path file = Path.of("target", "fuzz-failures", target + "-" + index + ".bin");
				Files.createDirectories(file.getParent());
				return Files.write(file, bytes);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

	}

	private static final List<String> OPENERS = List.of("[", "{\"a\":", "<div>", "<a>", "<table><tr><td>", "<<",
			"(", "<![CDATA[", "BEGIN:VEVENT\r\n", "<item><title>");

	private static final List<String> HUGE_NUMBERS = List.of("9".repeat(400), "99999999999999999999", "-1", "0",
			"1e400", "-9223372036854775809", "2147483648", "1E999999999", "NaN", "0.0000000000000000000000001");

	private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] { (byte) 0xC0, (byte) 0xAF },
			new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xFE, (byte) 0xFF },
			new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0x80 },
			new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, new byte[] { (byte) 0xE2, (byte) 0x82 },
			new byte[] { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 });

	/** As characters, and as JSON escapes, which is how they reach a JSON reader's strings. */
	private static final List<String> UNSEEN = List.of("\u0000", "\u202E", "\u2066", "\u200B", "\u0007",
			"\u001B[31m", "\uFEFF", "\u2028", "\u0000\u0000\u0000", "\r", "\\u0000", "\\u202E", "\\u001B[31m",
			"\\u2067", "\\u0007");

	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private final List<Seed> seeds;

	private final long randomSeed;

	public Mutations(List<Seed> seeds, long randomSeed) {
		if (seeds.isEmpty()) {
			throw new IllegalArgumentException("no seeds");
		}
		this.seeds = List.copyOf(seeds);
		this.randomSeed = randomSeed;
	}

	/** Mutations 0 to count - 1: every seed and every kind in turn. */
	public Stream<Mutation> first(int count) {
		return IntStream.range(0, count).mapToObj(this::mutation);
	}

	public Mutation mutation(int index) {
		Random random = new Random(randomSeed * 1_000_003L + index);
		Seed seed = seeds.get(index % seeds.size());
		Kind kind = Kind.values()[(index / seeds.size()) % Kind.values().length];
		byte[] in = seed.bytes();
		byte[] out = switch (kind) {
			case BIT_FLIPS -> flipBits(in, random);
			case TRUNCATION -> Arrays.copyOf(in, in.length == 0 ? 0 : random.nextInt(in.length));
			case INSERTED_BYTES -> insert(in, random.nextInt(in.length + 1), randomBytes(random, 1 + random.nextInt(64)));
			case DELETED_BYTES -> delete(in, random);
			case DUPLICATED_CHUNK -> duplicateChunk(in, random);
			case SPLICE -> splice(in, seeds.get(random.nextInt(seeds.size())).bytes(), random);
			case DEEP_NESTING -> insert(in, position(in, random),
					OPENERS.get(random.nextInt(OPENERS.size())).repeat(List.of(600, 5_000, 20_000).get(random.nextInt(3)))
						.getBytes(StandardCharsets.UTF_8));
			case HUGE_NUMBER -> hugeNumber(in, random);
			case INVALID_UTF8 -> sprinkle(in, random, 1 + random.nextInt(8), INVALID_UTF8);
			case NUL_AND_BIDI -> sprinkle(in, random, 1 + random.nextInt(3),
					UNSEEN.stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toList());
		};
		return new Mutation(index, kind, seed.name(), out.length > MAX_SIZE ? Arrays.copyOf(out, MAX_SIZE) : out);
	}

	private static byte[] flipBits(byte[] in, Random random) {
		byte[] out = in.clone();
		for (int flips = 1 + random.nextInt(16); flips > 0 && out.length > 0; flips--) {
			out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
		}
		return out;
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] delete(byte[] in, Random random) {
		if (in.length == 0) {
			return in;
		}
		int from = random.nextInt(in.length);
		int length = Math.min(in.length - from, 1 + random.nextInt(512));
		return concat(Arrays.copyOfRange(in, 0, from), Arrays.copyOfRange(in, from + length, in.length));
	}

	private static byte[] duplicateChunk(byte[] in, Random random) {
		if (in.length == 0) {
			return in;
		}
		int from = random.nextInt(in.length);
		byte[] chunk = Arrays.copyOfRange(in, from, Math.min(in.length, from + 1 + random.nextInt(4096)));
		ByteArrayOutputStream repeated = new ByteArrayOutputStream();
		for (int times = 1 + random.nextInt(64); times > 0; times--) {
			repeated.writeBytes(chunk);
		}
		return insert(in, random.nextInt(in.length + 1), repeated.toByteArray());
	}

	private static byte[] splice(byte[] in, byte[] other, Random random) {
		int head = random.nextInt(in.length + 1);
		int tail = random.nextInt(other.length + 1);
		return concat(Arrays.copyOfRange(in, 0, head), Arrays.copyOfRange(other, tail, other.length));
	}

	/** A number in the file replaced by one no reader expects; if it holds none, one put somewhere. */
	private static byte[] hugeNumber(byte[] in, Random random) {
		String huge = HUGE_NUMBERS.get(random.nextInt(HUGE_NUMBERS.size()));
		String text = new String(in, StandardCharsets.ISO_8859_1);
		Matcher digits = DIGITS.matcher(text);
		List<int[]> runs = digits.results().map(m -> new int[] { m.start(), m.end() }).toList();
		if (runs.isEmpty()) {
			return insert(in, random.nextInt(in.length + 1), huge.getBytes(StandardCharsets.US_ASCII));
		}
		int[] run = runs.get(random.nextInt(runs.size()));
		return concat(concat(Arrays.copyOfRange(in, 0, run[0]), huge.getBytes(StandardCharsets.US_ASCII)),
				Arrays.copyOfRange(in, run[1], in.length));
	}

	/** {@code times} of {@code pieces} put just inside values and text (after a quote, '>' or ':'), where readers look. */
	private static byte[] sprinkle(byte[] in, Random random, int times, List<byte[]> pieces) {
		byte[] out = in;
		for (; times > 0; times--) {
			out = insert(out, position(out, random), pieces.get(random.nextInt(pieces.size())));
		}
		return out;
	}

	/** Mostly just after a quote, '>' or ':' found from a random place; else anywhere. */
	private static int position(byte[] in, Random random) {
		int start = random.nextInt(in.length + 1);
		if (random.nextInt(4) > 0) {
			for (int i = start; i < in.length; i++) {
				if (in[i] == '"' || in[i] == '>' || in[i] == ':') {
					return i + 1;
				}
			}
		}
		return start;
	}

	private static byte[] insert(byte[] in, int at, byte[] piece) {
		return concat(concat(Arrays.copyOfRange(in, 0, at), piece), Arrays.copyOfRange(in, at, in.length));
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

}
