import type { OrderStatus } from '#shared/utils/order-status'
import type { ShopLocale } from '#shared/utils/locale'

/** A bank account to pay by transfer, as a mail shows it. */
interface TransferDetails { amount: string, holder: string, iban: string, bic: string, reference: string }

/**
 * The words of the shop's mails, in each language; the figures come formatted in that
 * language (server/services formats them with the customer's locale). A mail is written
 * in its customer's language (`users.locale`), whatever the language of the request that
 * caused it.
 */
const MAILS = {
  en: {
    verification: {
      subject: 'Confirm your e-mail address for Comptoir',
      opening: 'Someone, hopefully you, opened a Comptoir account with this e-mail address.',
      action: 'To confirm it, and to be able to place orders, open this link:',
      closing: 'The link works once, for 48 hours. If you did not ask for this account, ignore this mail: nothing more will be sent to you.',
    },
    placed: {
      subject: (label: string) => `Your Comptoir order ${label}`,
      thanks: 'Thank you for your order.',
      discount: (code: string) => `Discount ${code}`,
      delivery: (method: string) => `Delivery: ${method}`,
      net: (amount: string) => `Total excluding VAT: ${amount}`,
      vat: (rate: string, net: string, vat: string) => `VAT ${rate} on ${net}: ${vat}`,
      gross: (amount: string) => `Total including VAT: ${amount}`,
      shipTo: 'It will be shipped to:',
    },
    payment: {
      cardDue: (due: string) => `Your order is reserved until ${due}: pay it by card from your order page, or it will be cancelled.`,
      transfer: ({ amount, holder, iban, bic, reference }: TransferDetails, due: string) => [
        `Your order is reserved until ${due}: please send ${amount} by bank transfer to`,
        `  Account holder: ${holder}`,
        `  IBAN: ${iban}`,
        `  BIC: ${bic}`,
        `  Reference: ${reference}`,
        'We confirm the order when the money arrives; unpaid by then, it is cancelled.',
      ],
      paidSubject: (label: string) => `Your Comptoir order ${label} is paid`,
      paid: (amount: string, label: string, invoice: string) => `We received your payment of ${amount}: your order ${label} is confirmed and being prepared.\n\nYour invoice ${invoice} is attached.`,
      lateSubject: (label: string) => `Your payment for Comptoir order ${label} is being refunded`,
      late: (amount: string, label: string, card: boolean) => `Your payment of ${amount} arrived after order ${label} was cancelled. We are refunding it in full${card ? ' to your card' : ' by bank transfer'}.`,
    },
    status: {
      subject: (label: string, status: OrderStatus) => `Your Comptoir order ${label} ${status}`,
      news: {
        confirmed: 'has been confirmed and is being prepared',
        shipped: 'is on its way',
        delivered: 'has been delivered',
        cancelled: 'has been cancelled; any stock it held is back on the shelves',
      } as Partial<Record<OrderStatus, string>>,
      unpaid: 'was not paid in time and has been cancelled; its items are back on the shelves',
      text: (label: string, news: string) => `Your order ${label} ${news}.`,
      refund: ' Your payment is being refunded in full; the credit note is in your order page.',
    },
  },
  fr: {
    verification: {
      subject: 'Confirmez votre adresse e-mail pour Comptoir',
      opening: 'Quelqu’un, vous sans doute, a ouvert un compte Comptoir avec cette adresse e-mail.',
      action: 'Pour la confirmer, et pouvoir passer commande, ouvrez ce lien :',
      closing: 'Le lien sert une fois, pendant 48 heures. Si vous n’avez pas demandé ce compte, ignorez ce message : rien d’autre ne vous sera envoyé.',
    },
    placed: {
      subject: (label: string) => `Votre commande Comptoir ${label}`,
      thanks: 'Merci pour votre commande.',
      discount: (code: string) => `Remise ${code}`,
      delivery: (method: string) => `Livraison : ${method}`,
      net: (amount: string) => `Total hors taxes : ${amount}`,
      vat: (rate: string, net: string, vat: string) => `TVA ${rate} sur ${net} : ${vat}`,
      gross: (amount: string) => `Total toutes taxes comprises : ${amount}`,
      shipTo: 'Elle sera livrée à :',
    },
    payment: {
      cardDue: (due: string) => `Votre commande est réservée jusqu’au ${due} : réglez-la par carte depuis la page de la commande, sinon elle sera annulée.`,
      transfer: ({ amount, holder, iban, bic, reference }: TransferDetails, due: string) => [
        `Votre commande est réservée jusqu’au ${due} : merci de virer ${amount} à`,
        `  Titulaire du compte : ${holder}`,
        `  IBAN : ${iban}`,
        `  BIC : ${bic}`,
        `  Référence : ${reference}`,
        'Nous confirmons la commande à réception du virement ; sans paiement d’ici là, elle est annulée.',
      ],
      paidSubject: (label: string) => `Votre commande Comptoir ${label} est payée`,
      paid: (amount: string, label: string, invoice: string) => `Nous avons bien reçu votre paiement de ${amount} : votre commande ${label} est confirmée et en préparation.\n\nVotre facture ${invoice} est jointe.`,
      lateSubject: (label: string) => `Votre paiement pour la commande Comptoir ${label} vous est remboursé`,
      late: (amount: string, label: string, card: boolean) => `Votre paiement de ${amount} est arrivé après l’annulation de la commande ${label}. Nous vous le remboursons en totalité${card ? ' sur votre carte' : ' par virement'}.`,
    },
    status: {
      subject: (label: string, status: OrderStatus) => `Votre commande Comptoir ${label} : ${STATUS_FR[status]}`,
      news: {
        confirmed: 'a été confirmée et est en préparation',
        shipped: 'est en route',
        delivered: 'a été livrée',
        cancelled: 'a été annulée ; les articles réservés sont de nouveau en rayon',
      } as Partial<Record<OrderStatus, string>>,
      unpaid: 'n’a pas été payée à temps et a été annulée ; ses articles sont de nouveau en rayon',
      text: (label: string, news: string) => `Votre commande ${label} ${news}.`,
      refund: ' Votre paiement vous est remboursé en totalité ; l’avoir est sur la page de la commande.',
    },
  },
} satisfies Record<ShopLocale, unknown>

const STATUS_FR: Record<OrderStatus, string> = {
  awaiting_payment: 'en attente de paiement',
  pending: 'en attente',
  confirmed: 'confirmée',
  shipped: 'expédiée',
  delivered: 'livrée',
  cancelled: 'annulée',
}

export function mailWords(locale: ShopLocale) {
  return MAILS[locale]
}
