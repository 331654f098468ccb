package org.sunshine.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sunshine.language.Expression.All;
import org.sunshine.language.Expression.Any;
import org.sunshine.language.Expression.Kind;
import org.sunshine.language.Expression.Not;
import org.sunshine.language.Expression.Term;

/**
 * Reads an interest: words ({@code a b} means all of them), {@code "exact phrase"}, {@code annex*},
 * {@code a OR b}, {@code a AND b}, {@code -word} / {@code NOT word} and parentheses; AND binds tighter than OR.
 * Operators count only in capitals, so "parks and recreation" is three words. A statute number keeps its
 * letter in parentheses ("287(g)", "287 (g)"), as the analysis of agenda text does. The syntax is too small
 * and too forgiving for a query-parser library: Lucene's would read "287(g)" as a group and "Item 5:" as a field.
 */
public final class InterestLanguage {

	private static final Pattern STATUTE_TAIL = Pattern.compile("\\s*\\(\\s*[A-Za-z0-9]{1,3}\\s*\\)");

	private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT");

	private enum Type {
		WORD, PHRASE, PREFIX, OPEN, CLOSE, AND, OR, NOT, MINUS
	}

	private record Token(Type type, String text, int position) {
	}

	private final List<Token> tokens;

	private final int end;

	private int next;

	private InterestLanguage(List<Token> tokens, int end) {
		this.tokens = tokens;
		this.end = end;
	}

	/**
	 * The expression an interest's text says.
	 * @throws InterestSyntaxException naming the position (from 1) of the mistake and what to write instead
	 */
	public static Expression parse(String text) {
		String source = text == null ? "" : text;
		InterestLanguage parser = new InterestLanguage(lex(source), source.length() + 1);
		if (parser.tokens.isEmpty()) {
			throw new InterestSyntaxException(1, "nothing to look for: write a word or a \"phrase\"");
		}
		Expression expression = parser.any();
		if (parser.next < parser.tokens.size()) {
			Token extra = parser.tokens.get(parser.next);
			throw new InterestSyntaxException(extra.position(), "a ')' without its '('");
		}
		checkLooksForSomething(expression);
		return expression;
	}

	private Expression any() {
		Expression first = all();
		List<Expression> parts = new ArrayList<>(List.of(first));
		while (peek(Type.OR)) {
			Token or = tokens.get(next++);
			requireOperand(or, "OR");
			parts.add(all());
		}
		return parts.size() == 1 ? first : new Any(parts, first.position());
	}

	private Expression all() {
		Expression first = unary();
		List<Expression> parts = new ArrayList<>(List.of(first));
		while (true) {
			if (peek(Type.AND)) {
				Token and = tokens.get(next++);
				requireOperand(and, "AND");
				parts.add(unary());
			}
			else if (next < tokens.size() && startsOperand(tokens.get(next))) {
				parts.add(unary());
			}
			else {
				return parts.size() == 1 ? first : new All(parts, first.position());
			}
		}
	}

	private Expression unary() {
		if (next >= tokens.size()) {
			throw new InterestSyntaxException(end, "a word is missing at the end");
		}
		Token token = tokens.get(next++);
		return switch (token.type()) {
			case WORD -> new Term(token.text(), Kind.WORD, token.position());
			case PHRASE -> new Term(token.text(), Kind.PHRASE, token.position());
			case PREFIX -> new Term(token.text(), Kind.PREFIX, token.position());
			case NOT, MINUS -> {
				requireOperand(token, token.type() == Type.NOT ? "NOT" : "'-'");
				yield new Not(unary(), token.position());
			}
			case OPEN -> {
				if (peek(Type.CLOSE)) {
					throw new InterestSyntaxException(token.position(), "empty parentheses: put words inside");
				}
				Expression inner = any();
				if (!peek(Type.CLOSE)) {
					throw new InterestSyntaxException(token.position(), "this '(' is never closed: add a ')'");
				}
				next++;
				yield inner;
			}
			case CLOSE -> throw new InterestSyntaxException(token.position(), "a ')' without its '('");
			case AND, OR -> throw new InterestSyntaxException(token.position(),
					token.text() + " needs a word before it, e.g. police " + token.text() + " sheriff");
		};
	}

	private void requireOperand(Token operator, String name) {
		if (next >= tokens.size() || !startsOperand(tokens.get(next))) {
			throw new InterestSyntaxException(operator.position(), name + " needs a word after it");
		}
	}

	private boolean peek(Type type) {
		return next < tokens.size() && tokens.get(next).type() == type;
	}

	private static boolean startsOperand(Token token) {
		return switch (token.type()) {
			case WORD, PHRASE, PREFIX, OPEN, NOT, MINUS -> true;
			default -> false;
		};
	}

	/** Excluding alone would follow everything else: each OR branch and each AND group must look for a word. */
	private static void checkLooksForSomething(Expression expression) {
		if (expression instanceof Not not) {
			throw excludesOnly(not.position());
		}
		if (expression instanceof Any any) {
			any.parts().forEach(InterestLanguage::checkLooksForSomething);
		}
		else if (expression instanceof All all) {
			if (all.parts().stream().allMatch(part -> part instanceof Not)) {
				throw excludesOnly(all.position());
			}
			all.parts().forEach(part -> checkLooksForSomething(part instanceof Not not ? not.part() : part));
		}
	}

	private static InterestSyntaxException excludesOnly(int position) {
		return new InterestSyntaxException(position,
				"NOT (or '-') only leaves words out: put it beside a word to look for, e.g. police NOT fire");
	}

	private static List<Token> lex(String text) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		int n = text.length();
		while (i < n) {
			char c = text.charAt(i);
			int position = i + 1;
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '(' || c == ')') {
				tokens.add(new Token(c == '(' ? Type.OPEN : Type.CLOSE, String.valueOf(c), position));
				i++;
			}
			else if (c == '"') {
				int close = text.indexOf('"', i + 1);
				if (close < 0) {
					throw new InterestSyntaxException(position, "this quote is never closed: end the phrase with \"");
				}
				String phrase = text.substring(i + 1, close).strip().replaceAll("\\s+", " ");
				if (!hasLetterOrDigit(phrase)) {
					throw new InterestSyntaxException(position, "an empty phrase: put words between the quotes");
				}
				tokens.add(new Token(Type.PHRASE, phrase, position));
				i = close + 1;
			}
			else if (c == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
				tokens.add(new Token(Type.MINUS, "-", position));
				i++;
			}
			else {
				i = word(text, i, tokens);
			}
		}
		return tokens;
	}

	/** Reads the word at {@code start} into {@code tokens}; returns where the word ends. */
	private static int word(String text, int start, List<Token> tokens) {
		int end = start;
		while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "\"()".indexOf(text.charAt(end)) < 0) {
			end++;
		}
		if (end > start && Character.isDigit(text.charAt(end - 1))) {
			Matcher statute = STATUTE_TAIL.matcher(text).region(end, text.length());
			if (statute.lookingAt()) {
				end = statute.end();
			}
		}
		if (end == start) {
			end++;
		}
		String word = text.substring(start, end);
		int position = start + 1;
		if (OPERATORS.contains(word)) {
			tokens.add(new Token(Type.valueOf(word), word, position));
		}
		else if (word.endsWith("*")) {
			String prefix = word.replaceAll("\\*+$", "");
			if (!hasLetterOrDigit(prefix)) {
				throw new InterestSyntaxException(position, "a '*' ends a word's beginning, e.g. annex*");
			}
			tokens.add(new Token(Type.PREFIX, prefix, position));
		}
		else if (hasLetterOrDigit(word)) {
			tokens.add(new Token(Type.WORD, word, position));
		}
		// Punctuation standing alone ("Parks & Recreation", "a - b") separates words and says nothing.
		return end;
	}

	private static boolean hasLetterOrDigit(String text) {
		return text.codePoints().anyMatch(Character::isLetterOrDigit);
	}

}
