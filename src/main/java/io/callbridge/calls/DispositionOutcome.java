package io.callbridge.calls;

/**
 * One entry of the tenant's configurable list of call outcomes.
 *
 * @param id id
 * @param code stable code stored on dispositions
 * @param label label shown to agents
 * @param position order in the list
 * @param active whether agents can still choose it
 */
public record DispositionOutcome(long id, String code, String label, int position, boolean active) {
}
