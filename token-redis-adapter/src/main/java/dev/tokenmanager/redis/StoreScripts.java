package dev.tokenmanager.redis;

/**
 * The constant Lua scripts of the store. Constant texts keep Redis's script cache at three entries.
 * Values are read with Redis's built-in {@code cjson} inside {@code pcall}, so an unreadable value is
 * treated as absent instead of failing the script; {@code redis.pcall('GET', ...)} does the same for
 * a key of another Redis type.
 */
final class StoreScripts {

  /**
   * Save-if-newer. KEYS[1] token key; ARGV[1] new value; ARGV[2] its expires_at (epoch ms); ARGV[3]
   * time to live (ms, positive); ARGV[4] a value the caller found unreadable and wants replaced
   * (empty for none). Returns the stored value when it is readable and expires at the same time or
   * later (the new one is not written), else writes the new value with PX and returns nil.
   */
  static final LuaScript SAVE_IF_NEWER = LuaScript.of("save-if-newer", """
      local function expiry(raw)
        local ok, t = pcall(cjson.decode, raw)
        if not ok or type(t) ~= 'table' or t['v'] ~= 1 then return nil end
        local at, tt, ia, ea = t['access_token'], t['token_type'], t['issued_at'], t['expires_at']
        if type(at) ~= 'string' or at == '' or type(tt) ~= 'string' or not string.find(tt, '%S') then return nil end
        if type(t['scope']) ~= 'string' or type(t['api_url']) ~= 'string' then return nil end
        if type(ia) ~= 'number' or type(ea) ~= 'number' then return nil end
        if math.floor(ia) ~= ia or math.floor(ea) ~= ea or ea <= ia then return nil end
        return ea
      end
      local current = redis.pcall('GET', KEYS[1])
      if type(current) == 'string' and current ~= ARGV[4] then
        local stored = expiry(current)
        if stored and stored >= tonumber(ARGV[2]) then
          return current
        end
      end
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
      return false
      """);

  /**
   * Evict-if-same. KEYS[1] token key; ARGV[1] the token value expected. Deletes the key only if its
   * value's access_token equals ARGV[1]; returns 1 if deleted, else 0.
   */
  static final LuaScript EVICT_IF_SAME = LuaScript.of("evict-if-same", """
      local current = redis.pcall('GET', KEYS[1])
      if type(current) ~= 'string' then return 0 end
      local ok, t = pcall(cjson.decode, current)
      if ok and type(t) == 'table' and t['access_token'] == ARGV[1] then
        redis.call('DEL', KEYS[1])
        return 1
      end
      return 0
      """);

  /**
   * Release-lease. KEYS[1] lease key; ARGV[1] the owner. Deletes the key only if it holds ARGV[1];
   * returns 1 if deleted, else 0.
   */
  static final LuaScript RELEASE_LEASE = LuaScript.of("release-lease", """
      if redis.pcall('GET', KEYS[1]) == ARGV[1] then
        redis.call('DEL', KEYS[1])
        return 1
      end
      return 0
      """);

  private StoreScripts() {}
}
