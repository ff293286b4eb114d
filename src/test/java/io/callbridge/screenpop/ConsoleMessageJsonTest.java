package io.callbridge.screenpop;

import java.time.Instant;
import java.util.Set;

import io.callbridge.screenpop.ConsoleMessage.CallChange;
import io.callbridge.screenpop.ConsoleMessage.StatusChanged;
import io.callbridge.screenpop.ConsoleMessage.TasksChanged;
import io.callbridge.screenpop.ConsoleMessage.WallboardChanged;
import io.callbridge.screenpop.PostgresConsoleFanOut.Notice;
import io.callbridge.shared.AgentStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console messages as they travel between nodes (PostgreSQL notifications) and reach the
 * browser: each kind comes back as itself, and a notice of an older node (a call change
 * without a type) is still read.
 */
class ConsoleMessageJsonTest {

	private final JsonMapper json = JsonMapper.shared();

	@Test
	void everyKindOfMessageTravelsBetweenNodesAsItself() {
		Notice call = new Notice(Set.of(1L, 2L), new CallChange(5, "answered", Instant.parse("2025-03-01T10:00:00Z")));
		Notice tasks = new Notice(Set.of(3L), new TasksChanged(42L));
		Notice status = new Notice(Set.of(4L), new StatusChanged(AgentStatus.BREAK));
		Notice wallboard = new Notice(Set.of(5L, 6L), new WallboardChanged("rang"));

		assertThat(this.json.readValue(this.json.writeValueAsString(call), Notice.class)).isEqualTo(call);
		assertThat(this.json.readValue(this.json.writeValueAsString(tasks), Notice.class)).isEqualTo(tasks);
		assertThat(this.json.readValue(this.json.writeValueAsString(status), Notice.class)).isEqualTo(status);
		assertThat(this.json.readValue(this.json.writeValueAsString(wallboard), Notice.class)).isEqualTo(wallboard);
		assertThat(this.json.writeValueAsString(wallboard)).contains("\"type\":\"wallboard\"");
	}

	@Test
	void aNoticeNamesTheNodeThatSentItAndOneOfAnOlderNodeNamesNone() {
		Notice sent = new Notice(Set.of(1L), new TasksChanged(42L), 7L, "node-a");

		assertThat(this.json.readValue(this.json.writeValueAsString(sent), Notice.class)).isEqualTo(sent);
		assertThat(this.json
			.readValue("{\"users\":[1],\"change\":{\"type\":\"tasks\",\"contactId\":42},\"sequence\":7}", Notice.class)
			.origin()).isNull();
	}

	@Test
	void aCallChangeOfAnOlderNodeIsStillRead() {
		Notice notice = this.json.readValue(
				"{\"users\":[7],\"change\":{\"callId\":9,\"change\":\"rang\",\"receivedAt\":\"2025-03-01T10:00:00Z\"}}",
				Notice.class);

		assertThat(notice.change()).isEqualTo(new CallChange(9, "rang", Instant.parse("2025-03-01T10:00:00Z")));
	}

	@Test
	void theBrowserGetsTheFieldsItReads() {
		assertThat(this.json.writeValueAsString(new CallChange(5, "ended", Instant.parse("2025-03-01T10:00:00Z"))))
			.contains("\"callId\":5")
			.contains("\"change\":\"ended\"");
		assertThat(this.json.writeValueAsString(new TasksChanged(42L))).contains("\"contactId\":42")
			.doesNotContain("eventName");
	}

}
