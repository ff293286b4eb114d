package io.callbridge.screenpop;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.callbridge.shared.AgentStatus;
import org.jspecify.annotations.Nullable;

/**
 * A small message for the consoles of the agents concerned: it names what changed and the
 * browser fetches what it shows itself. Travels between nodes as JSON; a message without
 * a type is a call change, as older nodes send it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = ConsoleMessage.CallChange.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = ConsoleMessage.CallChange.class, name = "call"),
		@JsonSubTypes.Type(value = ConsoleMessage.TasksChanged.class, name = "tasks"),
		@JsonSubTypes.Type(value = ConsoleMessage.AccessEnded.class, name = "access"),
		@JsonSubTypes.Type(value = ConsoleMessage.StatusChanged.class, name = "status"),
		@JsonSubTypes.Type(value = ConsoleMessage.WallboardChanged.class, name = "wallboard") })
sealed interface ConsoleMessage {

	/** The SSE event name the browser listens to. */
	String eventName();

	/**
	 * A call changed: the browser refreshes its card and the panels listing calls.
	 *
	 * @param callId call
	 * @param change rang, answered, transferred or ended
	 * @param receivedAt when the provider event entered Callbridge (for latency
	 * measurement)
	 */
	record CallChange(long callId, String change, Instant receivedAt) implements ConsoleMessage {

		@Override
		public String eventName() {
			return "call";
		}

	}

	/**
	 * A task was created or completed: the browser refreshes the agent's open tasks and
	 * the cards of the contact.
	 *
	 * @param contactId the contact the task is about
	 */
	record TasksChanged(@Nullable Long contactId) implements ConsoleMessage {

		@Override
		public String eventName() {
			return "tasks";
		}

	}

	/**
	 * The user's access changed (deleted, disabled, another role or password): their open
	 * consoles are closed; the browser's reconnection is refused and goes to the login
	 * page.
	 */
	record AccessEnded() implements ConsoleMessage {

		@Override
		public String eventName() {
			return "access";
		}

	}

	/**
	 * The user's status changed (by themself in another tab, or by a supervisor): the
	 * browser shows the status selector again.
	 *
	 * @param status the status now
	 */
	record StatusChanged(AgentStatus status) implements ConsoleMessage {

		@Override
		public String eventName() {
			return "status";
		}

	}

	/**
	 * Something the wallboard shows changed (a call rang, was answered, transferred or
	 * ended, or an agent's status changed): an open wallboard fetches itself again; the
	 * agent console ignores it.
	 *
	 * @param change rang, answered, transferred, ended or status
	 */
	record WallboardChanged(String change) implements ConsoleMessage {

		@Override
		public String eventName() {
			return "wallboard";
		}

	}

}
