"""The admin API's images and documents (``/admin/api/main/images/``, ``documents/``):
Wagtail lists every one to any admin user, with its download address. These list, show
and page through only what the user may choose, as the choosers do. (Its pages endpoint
already keeps to the pages the user may explore.)"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from .choosable import documents_choosable, images_choosable


class ChoosableImagesAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        allowed = images_choosable(user=self.request.user).values("pk")
        return super().get_queryset().filter(pk__in=allowed)


class ChoosableDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        allowed = documents_choosable(user=self.request.user).values("pk")
        return super().get_queryset().filter(pk__in=allowed)


def register_endpoints(router) -> None:
    router.register_endpoint("images", ChoosableImagesAPIViewSet)
    router.register_endpoint("documents", ChoosableDocumentsAPIViewSet)
