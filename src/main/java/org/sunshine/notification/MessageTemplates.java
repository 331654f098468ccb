package org.sunshine.notification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Message templates (Thymeleaf; {@code .html} in HTML mode, {@code .txt} in text mode). Each is looked up
 * in {@code ./templates/} first, so admins can override any of them without rebuilding, then in the copy
 * packaged in the jar. Names are {@code {language}/{kind}.{part}}, falling back to the generic
 * {@code alert} and then to English.
 */
@Component
class MessageTemplates {

	static final Path OVERRIDES = Path.of("templates");

	private static final String PACKAGED = "message-templates/";

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	// What the jar holds never changes while it runs; asking the class path for a template it lacks searches
	// every jar on it, for every message.
	private final Map<String, Boolean> packaged = new ConcurrentHashMap<>();

	MessageTemplates() {
		FileTemplateResolver files = configure(new FileTemplateResolver(), OVERRIDES.toAbsolutePath() + "/", 1);
		// Edits to ./templates/ show within a minute without a restart.
		files.setCacheTTLMs(60_000L);
		engine.addTemplateResolver(files);
		engine.addTemplateResolver(configure(new ClassLoaderTemplateResolver(), PACKAGED, 2));
	}

	private static <T extends AbstractConfigurableTemplateResolver> T configure(T resolver, String prefix, int order) {
		resolver.setPrefix(prefix);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
		resolver.setTextTemplateModePatterns(Set.of("*.txt"));
		return resolver;
	}

	/** Renders an alert part: the change kind's own template if there is one, else the generic alert. */
	String render(String language, String kind, String part, Map<String, Object> variables) {
		return render(language, List.of(kind, "alert"), part, variables);
	}

	/** Renders the first template found, trying the language before English and the kinds in order. */
	String render(String language, List<String> kinds, String part, Map<String, Object> variables) {
		return engine.process(resolve(language, kinds, part), new Context(null, variables)).strip();
	}

	private String resolve(String language, List<String> kinds, String part) {
		for (String lang : List.of(language, "en")) {
			for (String kind : kinds) {
				String name = lang + "/" + kind + "." + part;
				if (Files.isRegularFile(OVERRIDES.resolve(name)) || isPackaged(name)) {
					return name;
				}
			}
		}
		throw new IllegalStateException("No message template " + kinds + "." + part + " for " + language);
	}

	private boolean isPackaged(String name) {
		return packaged.computeIfAbsent(name,
				n -> MessageTemplates.class.getClassLoader().getResource(PACKAGED + n) != null);
	}

}
