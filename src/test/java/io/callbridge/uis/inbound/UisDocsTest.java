package io.callbridge.uis.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The setup guide shows the templates exactly as the setup page does (both come from
 * {@link UisEventType}), with each event type's names in the UIS cabinet, and the answers
 * of interactive call processing as the routing endpoint gives them.
 */
class UisDocsTest {

	@Test
	void theGuideHasEveryTemplateAsThePageShowsIt() throws IOException {
		String guide = Files.readString(Path.of("docs/uis.md"));

		for (UisEventType type : UisEventType.values()) {
			assertThat(guide).as(type.slug())
				.contains("```json\n" + type.template() + "\n```")
				.contains(type.russianName())
				.contains(type.englishName());
		}
		assertThat(guide).contains("{\"returned_code\": " + UisRoutingController.REFUSE + "}")
			.contains("{\"returned_code\": " + UisRoutingController.PROCEED + "}")
			.contains("## Resumen en español");
	}

}
