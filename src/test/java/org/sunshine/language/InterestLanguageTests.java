package org.sunshine.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sunshine.language.Expression.All;
import org.sunshine.language.Expression.Any;
import org.sunshine.language.Expression.Kind;
import org.sunshine.language.Expression.Not;
import org.sunshine.language.Expression.Term;

/** Each construct of the interest language read into its tree, and each mistake named with its position. */
class InterestLanguageTests {

	@ParameterizedTest(name = "{0} reads as {1}")
	@CsvSource(delimiter = '|', textBlock = """
			stormwater                          | stormwater
			"task force"                        | "task force"
			annex*                              | annex*
			police sheriff                      | (police AND sheriff)
			police AND sheriff                  | (police AND sheriff)
			police OR sheriff                   | (police OR sheriff)
			police -fire                        | (police AND NOT fire)
			police NOT fire                     | (police AND NOT fire)
			a b OR c                            | ((a AND b) OR c)
			a (b OR c)                          | (a AND (b OR c))
			"task force" AND (police OR sheriff) | ("task force" AND (police OR sheriff))
			parks and recreation                | (parks AND and AND recreation)
			287(g)                              | 287(g)
			287 (g) agreement                   | (287 (g) AND agreement)
			(287g)                              | 287g
			COVID-19                            | COVID-19
			Parks & Recreation                  | (Parks AND Recreation)
			a - b                               | (a AND b)
			immigration -"task force" -287(g)   | (immigration AND NOT "task force" AND NOT 287(g))
			""")
	void readsEachConstruct(String text, String tree) {
		assertThat(show(InterestLanguage.parse(text))).isEqualTo(tree);
	}

	@Test
	void termsKnowWhereTheyStand() {
		Expression expression = InterestLanguage.parse("police  \"task force\"");

		assertThat(expression).isEqualTo(new All(java.util.List.of(new Term("police", Kind.WORD, 1),
				new Term("task force", Kind.PHRASE, 9)), 1));
	}

	@ParameterizedTest(name = "{0}: position {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			`"task force`          | 1  | quote is never closed
			`police ""`            | 8  | empty phrase
			`(police OR sheriff`   | 1  | never closed
			`police)`              | 7  | ')' without its '('
			`police ()`            | 8  | empty parentheses
			`police OR`            | 8  | OR needs a word after it
			`OR police`            | 1  | OR needs a word before it
			`police AND AND fire`  | 8  | AND needs a word after it
			`-police`              | 1  | only leaves words out
			`NOT police`           | 1  | only leaves words out
			`fire OR -police`      | 9  | only leaves words out
			`fire OR (-police)`    | 10 | only leaves words out
			`police NOT`           | 8  | NOT needs a word after it
			`*`                    | 1  | '*' ends a word's beginning
			`  `                   | 1  | nothing to look for
			`&&`                   | 1  | nothing to look for
			""")
	void namesThePositionOfAMistake(String text, int position, String reason) {
		assertThatThrownBy(() -> InterestLanguage.parse(text)).isInstanceOfSatisfying(InterestSyntaxException.class,
				e -> {
					assertThat(e.position()).isEqualTo(position);
					assertThat(e.reason()).contains(reason);
					assertThat(e.field()).isEqualTo("interests");
					assertThat(e.getMessage()).startsWith("position " + position + ": ");
				});
	}

	@Test
	void aMistakeCanBeToldAboutAnotherField() {
		assertThatThrownBy(() -> InterestLanguage.parse("(a")).isInstanceOfSatisfying(InterestSyntaxException.class,
				e -> {
					InterestSyntaxException about = e.about("q", null);
					assertThat(about.field()).isEqualTo("q");
					assertThat(about.getMessage()).isEqualTo("position 1: this '(' is never closed: add a ')'");
					assertThat(e.about("interests", "interest 2").getMessage()).startsWith("interest 2, position 1: ");
				});
	}

	private static String show(Expression expression) {
		if (expression instanceof Term term) {
			return term.kind() == Kind.PHRASE ? "\"" + term.text() + "\""
					: term.kind() == Kind.PREFIX ? term.text() + "*" : term.text();
		}
		if (expression instanceof Not not) {
			return "NOT " + show(not.part());
		}
		if (expression instanceof All all) {
			return "(" + String.join(" AND ", all.parts().stream().map(InterestLanguageTests::show).toList()) + ")";
		}
		Any any = (Any) expression;
		return "(" + String.join(" OR ", any.parts().stream().map(InterestLanguageTests::show).toList()) + ")";
	}

}
