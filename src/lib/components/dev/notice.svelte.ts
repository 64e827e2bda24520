// A one-shot notice carried from one console page to the next (the setup link of a new owner, shown
// where mail is only logged), without putting it in the address.
class OneShot {
  value = $state<string | null>(null);
  set(v: string | null) {
    this.value = v;
  }
  take(): string | null {
    const v = this.value;
    this.value = null;
    return v;
  }
}

export const setupLinkNotice = new OneShot();

/** The deleted organization's name and archive, for the organizations list it returns to (JSON). */
export const deletedNotice = new OneShot();
