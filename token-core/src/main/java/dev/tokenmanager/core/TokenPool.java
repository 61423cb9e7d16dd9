package dev.tokenmanager.core;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several live tokens for one account (Zoom allows it): {@code size} slots, each a key of its own
 * ({@code base.withSlot(i)}), each rotating on its own staggered schedule, and a strategy that assigns
 * jobs to slots so a given job keeps its token.
 *
 * <p>Obtain one from {@link TokenManager#pool(TokenKey, int, Assignment)}. A job calls {@link
 * #assign(String)} once and keeps the returned {@link Slot}; its {@link Slot#token()} is the same
 * lock-free hot path as {@link TokenManager#token()}.
 */
public final class TokenPool {

  /** How jobs are spread over slots. */
  public enum Assignment {
    /** By a hash of the job id: the same job always gets the same slot, in every process. */
    STABLE,
    /** In turn, as jobs are assigned: an even spread in this process, whatever the job ids. */
    ROUND_ROBIN
  }

  private final List<Slot> slots;
  private final Assignment assignment;
  private final AtomicInteger next = new AtomicInteger();

  TokenPool(List<KeyState> states, Assignment assignment) {
    this.slots = states.stream().map(Slot::new).toList();
    this.assignment = assignment;
  }

  /**
   * Assigns a job to a slot by the pool's strategy.
   *
   * @param jobId the job's id, not null
   * @return the slot the job should keep using
   */
  public Slot assign(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    int index = assignment == Assignment.STABLE
        ? stableIndex(jobId)
        : Math.floorMod(next.getAndIncrement(), slots.size());
    return slots.get(index);
  }

  /**
   * Returns the token of the slot a job id hashes to (stable whatever the pool's strategy).
   *
   * @param jobId the job's id
   * @return a valid token of that slot
   * @throws dev.tokenmanager.core.error.TokenException if no valid token can be had
   */
  public AccessToken token(String jobId) {
    return slots.get(stableIndex(Objects.requireNonNull(jobId, "jobId"))).token();
  }

  /** Returns the slots, in order. */
  public List<Slot> slots() {
    return slots;
  }

  /** Returns how many slots the pool has. */
  public int size() {
    return slots.size();
  }

  /** Returns the assignment strategy. */
  public Assignment assignment() {
    return assignment;
  }

  private int stableIndex(String jobId) {
    // murmur3's finalizer: sequential ids such as job-1, job-2 spread evenly.
    int h = jobId.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, slots.size());
  }

  /** One slot of the pool: a key with its own token. */
  public static final class Slot {
    private final KeyState state;

    private Slot(KeyState state) {
      this.state = state;
    }

    /** Returns the slot's key. */
    public TokenKey key() {
      return state.key;
    }

    /** Returns the slot number. */
    public int index() {
      return state.key.slot();
    }

    /**
     * Returns the slot's valid token; see {@link TokenManager#token()}.
     *
     * @return the token
     * @throws dev.tokenmanager.core.error.TokenException if no valid token can be had
     */
    public AccessToken token() {
      return state.token(0);
    }

    /**
     * Returns the slot's token valid for at least {@code minRemaining}; see {@link TokenManager#token(Duration)}.
     *
     * @param minRemaining the validity needed
     * @return the token
     * @throws dev.tokenmanager.core.error.TokenException if no such token can be had
     */
    public AccessToken token(Duration minRemaining) {
      return state.token(minRemaining.toMillis());
    }

    /**
     * Reports that an API rejected this slot's token; see {@link TokenManager#invalidate(TokenKey, AccessToken)}.
     *
     * @param rejected the rejected token
     * @return whether it was still current
     */
    public boolean invalidate(AccessToken rejected) {
      return state.invalidate(Objects.requireNonNull(rejected, "rejected"));
    }

    @Override
    public String toString() {
      return "Slot[" + state.key + "]";
    }
  }
}
