package io.callbridge.followups;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenant;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * What admins see and do about incomplete follow-ups. Publications are global, but each
 * of ours concerns one tenant ({@code tenantId} in the event): an admin sees and retries
 * only those of their own tenant, an operator (an admin of the default tenant) all of
 * them, including events that name no tenant.
 */
@Service
class FollowUps {

	/** Most follow-ups one "retry all" starts. */
	static final int RETRY_ALL_LIMIT = 1000;

	private final IncompletePublications publications;

	private final Retries retries;

	private final LocalListeners listeners;

	private final Tenants tenants;

	private final FollowUpRetryProperties properties;

	FollowUps(IncompletePublications publications, Retries retries, LocalListeners listeners, Tenants tenants,
			FollowUpRetryProperties properties) {
		this.publications = publications;
		this.retries = retries;
		this.listeners = listeners;
		this.tenants = tenants;
		this.properties = properties;
	}

	/**
	 * The incomplete follow-ups the admin may see, the oldest first.
	 * @param state only those in this state, or all
	 * @param limit at most this many items (the counts cover all)
	 */
	Listing list(CurrentUser user, @Nullable FollowUpState state, int limit) {
		Predicate<FollowUp> visible = visibleTo(user);
		Map<FollowUpState, Long> counts = new EnumMap<>(FollowUpState.class);
		for (FollowUpState each : FollowUpState.values()) {
			counts.put(each, 0L);
		}
		List<FollowUp> items = new ArrayList<>();
		this.publications.visit((row) -> {
			FollowUp followUp = FollowUp.of(row, this.properties);
			if (visible.test(followUp)) {
				counts.merge(followUp.state(), 1L, Long::sum);
				if ((state == null || followUp.state() == state) && items.size() < limit) {
					items.add(followUp);
				}
			}
			return true;
		});
		return new Listing(counts, items);
	}

	FollowUp get(CurrentUser user, UUID id) {
		user.require(Role.ADMIN);
		return this.publications.find(id)
			.map((row) -> FollowUp.of(row, this.properties))
			.filter(visibleTo(user))
			.orElseThrow(() -> new Problems.NotFound(Text.of("followup.what"), id));
	}

	/**
	 * Retries one failed follow-up now.
	 * @throws Problems.Conflict when it is running, or another retry of it just started
	 */
	FollowUp retry(CurrentUser user, UUID id) {
		FollowUp followUp = get(user, id);
		if (!followUp.canRetry()) {
			throw new Problems.Conflict(Text.of("followup.running", id));
		}
		if (!this.listeners.has(followUp.listenerId())) {
			throw new Problems.Conflict(Text.of("followup.listenerMissing", followUp.listener()));
		}
		if (this.retries.retryNow(List.of(id)).isEmpty()) {
			throw new Problems.Conflict(Text.of("followup.busy", id));
		}
		// Not read again: the retry runs by now and may even have completed (and gone).
		return followUp.started();
	}

	/**
	 * Retries every failed follow-up the admin sees (at most {@value #RETRY_ALL_LIMIT}).
	 * @return how many retries started
	 */
	int retryAll(CurrentUser user) {
		user.require(Role.ADMIN);
		Predicate<FollowUp> visible = visibleTo(user);
		List<UUID> ids = new ArrayList<>();
		this.publications.visit((row) -> {
			FollowUp followUp = FollowUp.of(row, this.properties);
			if (followUp.canRetry() && visible.test(followUp) && this.listeners.has(followUp.listenerId())) {
				ids.add(followUp.id());
			}
			return ids.size() < RETRY_ALL_LIMIT;
		});
		return this.retries.retryNow(ids).size();
	}

	private Predicate<FollowUp> visibleTo(CurrentUser user) {
		user.require(Role.ADMIN);
		if (isOperator(user)) {
			return (followUp) -> true;
		}
		return (followUp) -> followUp.tenantId() != null && followUp.tenantId() == user.tenantId();
	}

	private boolean isOperator(CurrentUser user) {
		return Tenant.DEFAULT_SLUG.equals(this.tenants.get(user.tenantId()).slug());
	}

	/**
	 * Incomplete follow-ups as an admin sees them.
	 *
	 * @param counts how many are in each state
	 * @param items the oldest ones (of the asked state)
	 */
	record Listing(Map<FollowUpState, Long> counts, List<FollowUp> items) {
	}

}
