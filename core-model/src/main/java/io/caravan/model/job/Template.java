package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A consul-template rendered into the task directory. */
@JsonPropertyOrder({"SourcePath", "DestPath", "EmbeddedTmpl", "ChangeMode", "ChangeScript", "ChangeSignal", "Once", "Splay", "Perms", "Uid", "Gid", "LeftDelim", "RightDelim", "Envvars", "VaultGrace", "Wait", "ErrMissingKey"})
public record Template(
    @JsonProperty("SourcePath") @Nullable String sourcePath,
    @JsonProperty("DestPath") @Nullable String destPath,
    @JsonProperty("EmbeddedTmpl") @Nullable String embeddedTmpl,
    @JsonProperty("ChangeMode") @Nullable String changeMode,
    @JsonProperty("ChangeScript") @Nullable ChangeScript changeScript,
    @JsonProperty("ChangeSignal") @Nullable String changeSignal,
    @JsonProperty("Once") @Nullable Boolean once,
    @JsonProperty("Splay") @Nullable Duration splay,
    @JsonProperty("Perms") @Nullable String perms,
    @JsonProperty("Uid") @Nullable Integer uid,
    @JsonProperty("Gid") @Nullable Integer gid,
    @JsonProperty("LeftDelim") @Nullable String leftDelim,
    @JsonProperty("RightDelim") @Nullable String rightDelim,
    @JsonProperty("Envvars") @Nullable Boolean envvars,
    @JsonProperty("VaultGrace") @Nullable Duration vaultGrace,
    @JsonProperty("Wait") @Nullable WaitConfig waitConfig,
    @JsonProperty("ErrMissingKey") @Nullable Boolean errMissingKey) {

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .sourcePath(sourcePath)
        .destPath(destPath)
        .embeddedTmpl(embeddedTmpl)
        .changeMode(changeMode)
        .changeScript(changeScript)
        .changeSignal(changeSignal)
        .once(once)
        .splay(splay)
        .perms(perms)
        .uid(uid)
        .gid(gid)
        .leftDelim(leftDelim)
        .rightDelim(rightDelim)
        .envvars(envvars)
        .vaultGrace(vaultGrace)
        .waitConfig(waitConfig)
        .errMissingKey(errMissingKey);
  }

  /** Mutable builder of {@link Template}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable String sourcePath;
    private @Nullable String destPath;
    private @Nullable String embeddedTmpl;
    private @Nullable String changeMode;
    private @Nullable ChangeScript changeScript;
    private @Nullable String changeSignal;
    private @Nullable Boolean once;
    private @Nullable Duration splay;
    private @Nullable String perms;
    private @Nullable Integer uid;
    private @Nullable Integer gid;
    private @Nullable String leftDelim;
    private @Nullable String rightDelim;
    private @Nullable Boolean envvars;
    private @Nullable Duration vaultGrace;
    private @Nullable WaitConfig waitConfig;
    private @Nullable Boolean errMissingKey;

    private Builder() {}

    /** Sets {@code SourcePath}. */
    public Builder sourcePath(@Nullable String sourcePath) {
      this.sourcePath = sourcePath;
      return this;
    }

    /** Sets {@code DestPath}. */
    public Builder destPath(@Nullable String destPath) {
      this.destPath = destPath;
      return this;
    }

    /** Sets {@code EmbeddedTmpl}. */
    public Builder embeddedTmpl(@Nullable String embeddedTmpl) {
      this.embeddedTmpl = embeddedTmpl;
      return this;
    }

    /** Sets {@code ChangeMode}. */
    public Builder changeMode(@Nullable String changeMode) {
      this.changeMode = changeMode;
      return this;
    }

    /** Sets {@code ChangeScript}. */
    public Builder changeScript(@Nullable ChangeScript changeScript) {
      this.changeScript = changeScript;
      return this;
    }

    /** Sets {@code ChangeSignal}. */
    public Builder changeSignal(@Nullable String changeSignal) {
      this.changeSignal = changeSignal;
      return this;
    }

    /** Sets {@code Once}. */
    public Builder once(@Nullable Boolean once) {
      this.once = once;
      return this;
    }

    /** Sets {@code Splay}. */
    public Builder splay(@Nullable Duration splay) {
      this.splay = splay;
      return this;
    }

    /** Sets {@code Perms}. */
    public Builder perms(@Nullable String perms) {
      this.perms = perms;
      return this;
    }

    /** Sets {@code Uid}. */
    public Builder uid(@Nullable Integer uid) {
      this.uid = uid;
      return this;
    }

    /** Sets {@code Gid}. */
    public Builder gid(@Nullable Integer gid) {
      this.gid = gid;
      return this;
    }

    /** Sets {@code LeftDelim}. */
    public Builder leftDelim(@Nullable String leftDelim) {
      this.leftDelim = leftDelim;
      return this;
    }

    /** Sets {@code RightDelim}. */
    public Builder rightDelim(@Nullable String rightDelim) {
      this.rightDelim = rightDelim;
      return this;
    }

    /** Sets {@code Envvars}. */
    public Builder envvars(@Nullable Boolean envvars) {
      this.envvars = envvars;
      return this;
    }

    /** Sets {@code VaultGrace}. */
    public Builder vaultGrace(@Nullable Duration vaultGrace) {
      this.vaultGrace = vaultGrace;
      return this;
    }

    /** Sets {@code Wait}. */
    public Builder waitConfig(@Nullable WaitConfig waitConfig) {
      this.waitConfig = waitConfig;
      return this;
    }

    /** Sets {@code ErrMissingKey}. */
    public Builder errMissingKey(@Nullable Boolean errMissingKey) {
      this.errMissingKey = errMissingKey;
      return this;
    }

    /** Builds the immutable value. */
    public Template build() {
      return new Template(sourcePath, destPath, embeddedTmpl, changeMode, changeScript, changeSignal, once, splay, perms, uid, gid, leftDelim, rightDelim, envvars, vaultGrace, waitConfig, errMissingKey);
    }
  }
}
