import { computed, defineComponent, h } from 'vue'
import { createError, useFetch, useHead, useRequestHeaders, useRequestURL, useRoute, useSeoMeta } from 'nuxt/app'
import type { BareProduct } from '../../../../database.ts'
import { Layout, productJsonLd, ProductPage, visitorOf } from '../../../../markup.ts'

/** A render function in a .ts file gets no async-context transform: every composable is called before the await. */
export default defineComponent({
  async setup() {
    const route = useRoute()
    const visitor = visitorOf(useRequestHeaders(['cookie']).cookie)
    const canonical = `${useRequestURL().origin}/products/${route.params.id}`
    const request = useFetch<{ data: BareProduct }>(`/api/products/${route.params.id}`)
    const product = computed(() => request.data.value?.data)
    const description = () => product.value?.description.slice(0, 160)
    useSeoMeta({ title: () => `${product.value?.name} · Comptoir`, description, ogTitle: () => product.value?.name, ogDescription: description, ogType: 'website', ogSiteName: 'Comptoir', ogUrl: canonical })
    useHead({
      link: [{ rel: 'canonical', href: canonical }],
      script: () => product.value ? [{ type: 'application/ld+json', innerHTML: JSON.stringify(productJsonLd(product.value, canonical)) }] : [],
    })
    await request
    if (!product.value) throw createError({ statusCode: 404, statusMessage: 'Product not found', fatal: true })
    const shown = product.value
    return () => h(Layout, { visitor }, () => h(ProductPage, { product: shown }))
  },
})
