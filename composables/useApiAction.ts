/**
 * A button's call to the API, answered with a toast: the success message if there is one,
 * the server's message if it failed. `pending` while it runs. Resolves to the action's
 * result, or undefined if it failed.
 */
export function useApiAction() {
  const toast = useToast()
  const pending = ref(false)
  async function run<T>(action: () => Promise<T>, success?: string | ((result: T) => string), failureTitle?: string): Promise<T | undefined> {
    pending.value = true
    try {
      const result = await action()
      if (success) toast.add({ title: typeof success === 'function' ? success(result) : success, color: 'success' })
      return result
    }
    catch (failure) {
      const { message } = describeApiError(failure)
      toast.add(failureTitle ? { title: failureTitle, description: message, color: 'error' } : { title: message, color: 'error' })
      return undefined
    }
    finally {
      pending.value = false
    }
  }
  return { run, pending }
}
