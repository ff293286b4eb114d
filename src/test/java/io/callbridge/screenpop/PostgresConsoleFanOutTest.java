package io.callbridge.screenpop;

import java.util.Set;

import javax.sql.DataSource;

import io.callbridge.screenpop.ConsoleMessage.TasksChanged;
import io.callbridge.screenpop.ConsoleMessage.WallboardChanged;
import io.callbridge.screenpop.PostgresConsoleFanOut.Notice;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/**
 * What a node does with a notice it hears on the channel: its own (delivered to its
 * consoles already) skipped without being read, any other delivered once — also one whose
 * message quotes this node's name in its text.
 */
class PostgresConsoleFanOutTest {

	private final JsonMapper json = JsonMapper.shared();

	private final ConsoleDelivery delivery = mock(ConsoleDelivery.class);

	private final PostgresConsoleFanOut fanOut = new PostgresConsoleFanOut(mock(DataSource.class),
			mock(JdbcClient.class), this.delivery);

	@Test
	void aNoticeThisNodeSentIsNotDeliveredAgain() {
		TasksChanged message = new TasksChanged(42L);

		this.fanOut.deliver(this.json.writeValueAsString(new Notice(Set.of(1L), message, 7L, this.fanOut.node())));

		verify(this.delivery, never()).deliver(Set.of(1L), message);
		verifyNoMoreInteractions(this.delivery);
	}

	@Test
	void aNoticeOfAnotherNodeIsDeliveredEvenWhenItsTextQuotesThisNodesName() {
		WallboardChanged quoting = new WallboardChanged("\"origin\":\"" + this.fanOut.node() + "\"");
		TasksChanged older = new TasksChanged(null);

		this.fanOut.deliver(this.json.writeValueAsString(new Notice(Set.of(2L), quoting, 8L, "another-node")));
		this.fanOut.deliver(this.json.writeValueAsString(new Notice(Set.of(3L), older)));

		verify(this.delivery).deliver(Set.of(2L), quoting);
		verify(this.delivery).deliver(Set.of(3L), older);
		verifyNoMoreInteractions(this.delivery);
	}

}
