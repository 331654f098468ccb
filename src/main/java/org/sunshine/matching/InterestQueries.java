package org.sunshine.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.springframework.stereotype.Component;
import org.sunshine.language.Expression;
import org.sunshine.language.Expression.All;
import org.sunshine.language.Expression.Any;
import org.sunshine.language.Expression.Kind;
import org.sunshine.language.Expression.Not;
import org.sunshine.language.Expression.Term;
import org.sunshine.language.InterestLanguage;
import org.sunshine.language.InterestSyntaxException;

/**
 * Turns interests (and searches) into Lucene queries with the alias groups in force: a word or phrase that is a
 * member of a group looks for every member. Alerts and search both compile here, so they cannot disagree.
 */
@Component
class InterestQueries {

	private final AliasGroups aliases;

	/** The groups last analysed, and their members by analysed words. */
	private List<List<String>> analysedGroups;

	private Map<String, List<String>> groupsByKey = Map.of();

	InterestQueries(AliasGroups aliases) {
		this.aliases = aliases;
	}

	/** Changes when the queries compiled from the same texts may differ (an edit of the alias groups). */
	long version() {
		return aliases.version();
	}

	/**
	 * A stored interest. One saved before the language existed may not parse ("287(g" with a stray bracket): it
	 * keeps matching as it did, as a phrase of its words.
	 */
	InterestQuery stored(String text) {
		Expression expression;
		try {
			expression = InterestLanguage.parse(text);
		}
		catch (InterestSyntaxException e) {
			expression = new Term(text, Kind.PHRASE, 1);
		}
		return compile(text, expression);
	}

	/** @throws InterestSyntaxException when the text does not parse */
	InterestQuery strict(String text) {
		return compile(text, InterestLanguage.parse(text));
	}

	private InterestQuery compile(String text, Expression expression) {
		Map<String, List<String>> groups = groupsByKey();
		List<Leaf> leaves = new ArrayList<>();
		Query query = compile(expression, groups, leaves, true);
		return new InterestQuery(text, query, leaves);
	}

	private Query compile(Expression expression, Map<String, List<String>> groups, List<Leaf> leaves, boolean looked) {
		if (expression instanceof Term term) {
			List<Leaf> found = leaves(term, groups);
			if (looked) {
				leaves.addAll(found);
			}
			if (found.size() == 1) {
				return found.get(0).query();
			}
			BooleanQuery.Builder any = new BooleanQuery.Builder();
			found.forEach(leaf -> any.add(leaf.query(), Occur.SHOULD));
			return any.build();
		}
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		if (expression instanceof Any any) {
			any.parts().forEach(part -> builder.add(compile(part, groups, leaves, looked), Occur.SHOULD));
		}
		else if (expression instanceof All all) {
			for (Expression part : all.parts()) {
				boolean not = part instanceof Not;
				Expression inner = not ? ((Not) part).part() : part;
				builder.add(compile(inner, groups, leaves, looked && !not), not ? Occur.MUST_NOT : Occur.MUST);
			}
		}
		else if (expression instanceof Not not) {
			// Only a stored interest can get here (parsing refuses it); excluding alone matches nothing.
			builder.add(compile(not.part(), groups, leaves, false), Occur.MUST_NOT);
		}
		return builder.build();
	}

	/** The leaf a term is, or one per member of the alias group it belongs to. */
	private static List<Leaf> leaves(Term term, Map<String, List<String>> groups) {
		if (term.kind() == Kind.PREFIX) {
			return List.of(new Leaf(term.text(), TermAnalysis.exact(term.text()), true));
		}
		List<String> stems = TermAnalysis.stems(term.text());
		String key = String.join(" ", stems);
		List<String> group = groups.get(key);
		if (group == null) {
			return List.of(new Leaf(term.text(), stems, false));
		}
		List<Leaf> members = new ArrayList<>();
		for (String member : group) {
			List<String> memberStems = TermAnalysis.stems(member);
			boolean own = String.join(" ", memberStems).equals(key);
			members.add(new Leaf(own ? term.text() : member + " (≈ " + term.text() + ")", memberStems, false));
		}
		return members;
	}

	private synchronized Map<String, List<String>> groupsByKey() {
		List<List<String>> current = aliases.current();
		if (current != analysedGroups) {
			Map<String, List<String>> byKey = new HashMap<>();
			for (List<String> group : current) {
				group.forEach(member -> byKey.put(String.join(" ", TermAnalysis.stems(member)), group));
			}
			groupsByKey = byKey;
			analysedGroups = current;
		}
		return groupsByKey;
	}

}
