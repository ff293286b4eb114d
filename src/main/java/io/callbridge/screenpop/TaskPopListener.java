package io.callbridge.screenpop;

import java.util.LinkedHashSet;
import java.util.Set;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.records.TaskCompleted;
import io.callbridge.records.TaskCreated;
import io.callbridge.screenpop.ConsoleMessage.TasksChanged;
import org.jspecify.annotations.Nullable;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the consoles concerned that a task was created or completed, so their "My open
 * tasks" panel and the open tasks on the contact's cards follow without a reload: the
 * assignee, and the agents of the task's call and of the contact's last calls (whose
 * cards show the contact).
 */
@Component
class TaskPopListener {

	/** How many of the contact's last calls may still have a card on someone's screen. */
	private static final int CONTACT_CALLS = 5;

	private final ConsoleFanOut fanOut;

	private final Calls calls;

	TaskPopListener(ConsoleFanOut fanOut, Calls calls) {
		this.fanOut = fanOut;
		this.calls = calls;
	}

	@ApplicationModuleListener
	void on(TaskCreated event) {
		send(event.tenantId(), event.assigneeId(), event.contactId(), event.callId());
	}

	@ApplicationModuleListener
	void on(TaskCompleted event) {
		send(event.tenantId(), event.assigneeId(), event.contactId(), event.callId());
	}

	private void send(long tenantId, @Nullable Long assigneeId, @Nullable Long contactId, @Nullable Long callId) {
		Set<Long> users = new LinkedHashSet<>();
		if (assigneeId != null) {
			users.add(assigneeId);
		}
		if (callId != null) {
			users.addAll(this.calls.participants(callId));
		}
		if (contactId != null) {
			for (Call call : this.calls.recentForContact(tenantId, contactId, CONTACT_CALLS)) {
				users.addAll(this.calls.participants(call.id()));
			}
		}
		this.fanOut.send(users, new TasksChanged(contactId));
	}

}
