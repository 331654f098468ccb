package org.sunshine.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and validates {@code config/aliases.yml}: {@code aliases:} a list of groups, each a list of at least two
 * words or phrases. Admins edit it by hand, so every problem is reported at once, naming group and member.
 */
final class AliasFileParser {

	private static final int MAX_MEMBER = 200;

	private AliasFileParser() {
	}

	/** A file that breaks a rule; each problem names the group and the member. */
	static class InvalidAliasFileException extends RuntimeException {

		InvalidAliasFileException(String source, List<String> problems) {
			super(source + " is invalid:\n  - " + String.join("\n  - ", problems));
		}

	}

	static List<List<String>> parse(String yaml, String source) {
		Object document;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (MarkedYAMLException e) {
			Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
			String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
			throw new InvalidAliasFileException(source, List.of("not valid YAML" + where + ": " + e.getProblem()));
		}
		catch (RuntimeException e) {
			throw new InvalidAliasFileException(source, List.of("not valid YAML: " + e.getMessage()));
		}
		if (document == null) {
			return List.of();
		}
		String expected = "expected only a top-level 'aliases:' list of groups, e.g. - [stormwater, \"storm water\"]";
		if (!(document instanceof Map<?, ?> root) || !root.keySet().equals(java.util.Set.of("aliases"))) {
			throw new InvalidAliasFileException(source, List.of(expected));
		}
		if (root.get("aliases") == null) {
			return List.of();
		}
		if (!(root.get("aliases") instanceof List<?> groups)) {
			throw new InvalidAliasFileException(source, List.of(expected));
		}
		List<String> problems = new ArrayList<>();
		List<List<String>> parsed = new ArrayList<>();
		Map<String, String> seen = new HashMap<>();
		for (int g = 0; g < groups.size(); g++) {
			String group = "group " + (g + 1);
			if (!(groups.get(g) instanceof List<?> members) || members.size() < 2) {
				problems.add(group + ": a group is a list of at least two words or phrases, e.g. [ICE, \"287(g)\"]");
				continue;
			}
			List<String> words = new ArrayList<>();
			for (int m = 0; m < members.size(); m++) {
				Object member = members.get(m);
				String where = group + ", member " + (m + 1);
				if (!(member instanceof String || member instanceof Number) || String.valueOf(member).isBlank()) {
					problems.add(where + ": a word or a phrase");
					continue;
				}
				String text = String.valueOf(member).strip();
				List<String> stems = TermAnalysis.stems(text);
				if (stems.isEmpty() || text.length() > MAX_MEMBER) {
					problems.add(where + " ('" + text + "'): needs a letter or digit and at most " + MAX_MEMBER + " characters");
					continue;
				}
				String key = String.join(" ", stems);
				String before = seen.putIfAbsent(key, where);
				if (before != null && !before.startsWith(group + ",")) {
					problems.add(where + " ('" + text + "'): already in " + before + "; a word belongs to one group");
				}
				words.add(text);
			}
			parsed.add(List.copyOf(words));
		}
		if (!problems.isEmpty()) {
			throw new InvalidAliasFileException(source, problems);
		}
		return List.copyOf(parsed);
	}

}
