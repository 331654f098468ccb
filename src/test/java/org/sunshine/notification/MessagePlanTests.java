package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Plans are stored by the hash of their JSON: a test send's language must not change the JSON of the others. */
class MessagePlanTests {

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void onlyATestSendsPlanCarriesALanguage() {
		assertThat(json.writeValueAsString(MessagePlan.reminder(Duration.ofHours(24)))).doesNotContain("language");
		assertThat(json.writeValueAsString(MessagePlan.alert(List.of(), List.of("4.2")))).doesNotContain("language");
		String test = json.writeValueAsString(MessagePlan.campaignTest("es"));
		assertThat(test).contains("\"language\":\"es\"");
		assertThat(json.readValue(test, MessagePlan.class).language()).isEqualTo("es");
	}

}
